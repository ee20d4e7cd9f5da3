package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.Edition;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Formatting an event in either edition, then parsing it, gives back the same event. */
class RoundTripProperties {

  enum Carrier {
    GET_URL,
    FORM_BODY,
    JSON_BODY
  }

  @Provide
  Arbitrary<WebhookEvent> events() {
    return WebhookArbitraries.events();
  }

  /** Zones without daylight saving: a local time without offset names one instant there. */
  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of("Asia/Ho_Chi_Minh", "UTC", "Asia/Bangkok", "Asia/Tokyo", "America/Bogota")
        .map(ZoneId::of);
  }

  @Property(tries = 2000)
  void formatThenParseGivesTheSameEvent(
      @ForAll("events") WebhookEvent event,
      @ForAll Edition edition,
      @ForAll("zones") ZoneId zone,
      @ForAll Carrier carrier) {
    WebhookRequest request = new WebhookFormatter(edition, zone).format(event);
    WebhookParser parser = new WebhookParser(zone);
    DecodedWebhook decoded =
        switch (carrier) {
          case GET_URL -> parser.parseUrl(request.url("http://crm.example.com/crm_call"));
          case FORM_BODY -> parser.parseForm(request.path(), request.formBody());
          case JSON_BODY -> parser.parseJson(request.path(), request.jsonBody());
        };
    assertThat(decoded.event()).isEqualTo(event);
    assertThat(decoded.path()).isEqualTo(event.type().path());
  }

  @Property(tries = 500)
  void formattingIsStableOnceParsed(@ForAll("events") WebhookEvent event, @ForAll Edition edition) {
    var formatter = new WebhookFormatter(edition, WebhookParser.DEFAULT_ZONE);
    String once = formatter.format(event).pathAndQuery();
    String twice = formatter.format(new WebhookParser().parseUrl(once).event()).pathAndQuery();
    assertThat(twice).isEqualTo(once);
  }
}
