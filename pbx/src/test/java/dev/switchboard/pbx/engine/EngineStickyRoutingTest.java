package dev.switchboard.pbx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.config.AgentSetup;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.QueueSetup;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of sticky routing: the extension the CRM named rings first when its phone is
 * free; otherwise, and when it lets the call ring out, the queue as usual.
 */
class EngineStickyRoutingTest {
  private static final String DOMAIN = BuiltInCallCenter.DOMAIN;
  private static final String SALES = "19002028";
  private final List<String> sent = new ArrayList<>();
  private final SimClock clock = SimClock.stepped(Instant.parse("2024-03-01T06:15:40Z"));
  private final Engine engine = engine();

  private Engine engine() {
    TenantSetup tenant = BuiltInCallCenter.tenant(Optional.empty(), Edition.V2);
    WebhookFormatter formatter = new WebhookFormatter(Edition.V2, tenant.zone());
    return new Engine(
        List.of(tenant),
        clock,
        (t, key, event) -> sent.add(formatter.format(event).pathAndQuery()),
        42,
        Optional.empty(),
        call -> {});
  }

  private void step(int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runDue();
    }
  }

  private String call(Optional<Script> script, Optional<String> sticky) {
    return engine.inbound(
        DOMAIN, SALES, "0938363739", script, Duration.ZERO, Duration.ZERO, sticky);
  }

  private String firstRung(String callId) {
    return sent.stream()
        .filter(e -> e.contains(callId) && e.contains("event=RINGING"))
        .findFirst()
        .map(e -> e.replaceAll(".*extension=([0-9]+).*", "$1"))
        .orElseThrow();
  }

  private static Optional<Script> answeredAfter(int seconds) {
    return Optional.of(
        new Script.Answer(Optional.empty(), Duration.ofSeconds(seconds), Duration.ofSeconds(20)));
  }

  @Test
  void theStickyExtensionRingsFirstEvenOutsideTheQueuesTurn() {
    // 106 has penalty 1 in sales: the queue alone would ring 101 first.
    String id = call(answeredAfter(3), Optional.of("106"));
    step(10);
    assertThat(firstRung(id)).isEqualTo("106");
    assertThat(engine.statuses(DOMAIN, List.of("106")).get("106").code()).isEqualTo("talk");
  }

  @Test
  void aBusyStickyExtensionLeavesTheCallToTheQueue() {
    engine.outbound(DOMAIN, "106", "0912345678", answeredAfter(1), Duration.ofMinutes(5));
    String id = call(answeredAfter(3), Optional.of("106"));
    step(10);
    assertThat(firstRung(id)).isEqualTo("101");
  }

  @Test
  void anUnregisteredPausedOrUnknownStickyExtensionLeavesTheCallToTheQueue() {
    engine.register(DOMAIN, "104", false);
    engine.pause(DOMAIN, "105", true);
    for (String sticky : new String[] {"104", "105", "777"}) {
      String id = call(answeredAfter(2), Optional.of(sticky));
      step(40);
      assertThat(firstRung(id)).as(sticky).isIn("101", "102", "103");
    }
  }

  @Test
  void aStickyExtensionThatLetsItRingOutHandsTheCallToTheQueue() {
    // 201 never picks up, 202 always does; the queue would ring 202 (penalty 0) first.
    TenantSetup tenant =
        new TenantSetup(
            "sticky.test",
            new PbxKey("sticky-test-key"),
            Optional.empty(),
            false,
            ZoneId.of("Asia/Ho_Chi_Minh"),
            Edition.V2,
            List.of(
                new AgentSetup("201", "Never", 0, Duration.ZERO),
                new AgentSetup("202", "Always", 1, Duration.ZERO)),
            List.of(
                new QueueSetup(
                    "500",
                    "Sales",
                    QueueSetup.Strategy.ROUNDROBIN,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(2),
                    List.of(new QueueSetup.Member("202", 0), new QueueSetup.Member("201", 1)))),
            Map.of("1800", "500"),
            false);
    WebhookFormatter formatter = new WebhookFormatter(Edition.V2, tenant.zone());
    Engine small =
        new Engine(
            List.of(tenant),
            clock,
            (t, key, event) -> sent.add(formatter.format(event).pathAndQuery()),
            42,
            Optional.empty(),
            call -> {});
    String id =
        small.inbound(
            "sticky.test",
            "1800",
            "0938363739",
            Optional.empty(),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            Optional.of("201"));
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofSeconds(1));
      small.runDue();
    }
    assertThat(sent.stream().filter(e -> e.contains(id)).toList())
        .containsSubsequence(
            "/api/callcenter/call_in?phone=0938363739&queue=500&extension=201&callid="
                + id
                + "&event=RINGING&did=1800",
            "/api/callcenter/calldata?callid="
                + id
                + "&status=NOANSWER&queue=500&extension=201&phone=0938363739",
            "/api/callcenter/call_in?phone=0938363739&queue=500&extension=202&callid="
                + id
                + "&event=RINGING&did=1800",
            "/api/callcenter/call_in?phone=0938363739&queue=500&extension=202&callid="
                + id
                + "&event=ANSWER&did=1800");
  }

  @Test
  void aScriptThatNamesTheAgentWinsOverStickyRouting() {
    String id =
        call(
            Optional.of(
                new Script.Answer(
                    Optional.of("102"), Duration.ofSeconds(2), Duration.ofSeconds(5))),
            Optional.of("106"));
    step(5);
    assertThat(firstRung(id)).isEqualTo("102");
  }
}
