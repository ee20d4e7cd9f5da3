package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import dev.switchboard.protocol.Edition;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Formatting an event in either edition, then parsing it, gives back the same event. */
class RoundTripProperties {

  enum Carrier {
    GET_URL,
    FORM_BODY,
    JSON_BODY
  }

  /** Zones without daylight saving: a local time without offset names one instant there. */
  private static Gen<ZoneId> zones() {
    return arbitrary()
        .pick("Asia/Ho_Chi_Minh", "UTC", "Asia/Bangkok", "Asia/Tokyo", "America/Bogota")
        .map(name -> ZoneId.of(name));
  }

  @Test
  void formatThenParseGivesTheSameEvent() {
    qt().withExamples(2000)
        .forAll(
            WebhookArbitraries.events(),
            arbitrary().enumValues(Edition.class),
            zones(),
            arbitrary().enumValues(Carrier.class))
        .checkAssert(
            (event, edition, zone, carrier) -> {
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
            });
  }

  @Test
  void formattingIsStableOnceParsed() {
    qt().withExamples(500)
        .forAll(WebhookArbitraries.events(), arbitrary().enumValues(Edition.class))
        .checkAssert(
            (event, edition) -> {
              var formatter = new WebhookFormatter(edition, WebhookParser.DEFAULT_ZONE);
              String once = formatter.format(event).pathAndQuery();
              String twice =
                  formatter.format(new WebhookParser().parseUrl(once).event()).pathAndQuery();
              assertThat(twice).isEqualTo(once);
            });
  }
}
