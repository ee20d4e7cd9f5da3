package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.RoutingSetup;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.traffic.TrafficGenerator;
import dev.switchboard.protocol.Edition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sticky routing against a real CRM on HTTP: before an inbound call to a queue enters the engine,
 * the emulator asks {@code GET {CRM_URL}/api/callcenter/route?phone=...} and rings the extension in
 * the answer; an empty body, an error, an answer slower than the timeout, or a busy or unregistered
 * extension leave the call to the queue (sales: round robin from 101).
 */
@Timeout(120)
class StickyRoutingTest {
  private static final String CALL =
      "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
          + "\"outcome\":\"answered\",\"after\":3,\"talk\":20}";

  private final RouteQuestions crm = new RouteQuestions();
  // The longest wait: an answer the CRM gives must arrive in time even on a loaded machine.
  private final TestPbx pbx = TestPbx.start(tenant(RoutingSetup.LONGEST_TIMEOUT));

  private TenantSetup tenant(Duration timeout) {
    return BuiltInCallCenter.tenant(Optional.of(crm.crmUrl()), Edition.V2)
        .withRouting(new RoutingSetup(true, timeout));
  }

  @AfterEach
  void stop() {
    pbx.close();
    crm.close();
  }

  private String startCall(String body) {
    TestPbx.Reply reply = pbx.post("/sim/calls", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("callid").asText();
  }

  private String firstRung(String callId) {
    return pbx.webhooksOf(callId).stream()
        .filter(w -> w.contains("event=RINGING"))
        .findFirst()
        .map(w -> w.replaceAll(".*extension=([0-9]+).*", "$1"))
        .orElseThrow(() -> new AssertionError("nobody rang for " + callId));
  }

  @Test
  void theExtensionTheCrmNamesRingsFirst() {
    crm.answer(200, "106\n");

    String id = startCall(CALL);
    pbx.step(5);

    assertThat(firstRung(id)).isEqualTo("106");
    assertThat(crm.asked())
        .containsExactly(RouteQuestions.PREFIX + "/api/callcenter/route?phone=0938363739");
  }

  @Test
  void anEmptyAnswerMeansTheQueueAsUsual() {
    crm.answer(200, "");

    String id = startCall(CALL);
    pbx.step(5);

    assertThat(firstRung(id)).isEqualTo("101");
    assertThat(crm.asked()).hasSize(1);
  }

  @Test
  void anErrorOrAnAnswerThatIsNoExtensionMeansTheQueue() {
    crm.answer(500, "106");
    String failed = startCall(CALL);
    pbx.step(40);
    crm.answer(200, "<html>agent 106</html>");
    String garbled = startCall(CALL);
    pbx.step(5);

    assertThat(firstRung(failed)).isEqualTo("101");
    assertThat(firstRung(garbled)).isNotEqualTo("106");
    assertThat(crm.asked()).hasSize(2);
  }

  @Test
  void anAnswerSlowerThanTheTimeoutMeansTheQueue() {
    crm.answer(200, "106");
    crm.holdAnswers(); // until the test ends: the 300 ms timeout passes first, whatever the load
    try (TestPbx impatient = TestPbx.start(tenant(Duration.ofMillis(300)))) {
      TestPbx.Reply reply = impatient.post("/sim/calls", CALL);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      String id = reply.json().get("callid").asText();
      impatient.step(5);

      assertThat(
              impatient.webhooksOf(id).stream()
                  .filter(w -> w.contains("event=RINGING"))
                  .findFirst())
          .hasValueSatisfying(w -> assertThat(w).contains("extension=101"));
    }
  }

  @Test
  void aBusyOrUnregisteredExtensionMeansTheQueue() {
    crm.answer(200, "106");
    pbx.engine.register(TestPbx.DOMAIN, "106", false);
    String off = startCall(CALL);
    pbx.step(40);
    pbx.engine.register(TestPbx.DOMAIN, "106", true);
    pbx.post(
        "/sim/calls",
        "{\"direction\":\"outbound\",\"extension\":\"106\",\"phone\":\"0912345678\","
            + "\"outcome\":\"answered\",\"after\":1,\"talk\":600}");
    pbx.step(2);
    String busy = startCall(CALL);
    pbx.step(5);

    assertThat(firstRung(off)).isEqualTo("101");
    assertThat(firstRung(busy)).isNotEqualTo("106");
    assertThat(crm.asked()).hasSize(2);
  }

  @Test
  void callsForANamedAgentAndBusyCallsAreNotAskedAbout() {
    crm.answer(200, "106");
    String named = startCall(CALL.replace("\"after\":3", "\"extension\":\"102\",\"after\":3"));
    startCall(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
            + "\"outcome\":\"busy\"}");
    pbx.step(5);

    assertThat(firstRung(named)).isEqualTo("102");
    assertThat(crm.asked()).isEmpty();
  }

  @Test
  void aTenantWithoutRoutingAsksNothing() {
    try (TestPbx plain =
        TestPbx.start(BuiltInCallCenter.tenant(Optional.of(crm.crmUrl()), Edition.V2))) {
      crm.answer(200, "106");
      TestPbx.Reply reply = plain.post("/sim/calls", CALL);
      plain.step(5);

      assertThat(reply.status()).isEqualTo(201);
      assertThat(crm.asked()).isEmpty();
    }
  }

  @Test
  void whileTheCrmThinksTheEngineRunsOn() throws Exception {
    crm.answer(200, "106");
    crm.holdAnswers();
    try (TestPbx patient = TestPbx.start(tenant(RoutingSetup.LONGEST_TIMEOUT))) {
      CompletableFuture<TestPbx.Reply> started =
          CompletableFuture.supplyAsync(() -> patient.post("/sim/calls", CALL));
      crm.awaitHeldQuestion();

      // The question is pending: the engine and its API answer meanwhile.
      patient.step(3);
      assertThat(patient.engine.statuses(TestPbx.DOMAIN, List.of("106"))).isNotEmpty();
      assertThat(
              patient
                  .post(
                      "/api/Agent/status/format/json",
                      "{\"key\":\"" + TestPbx.KEY + "\",\"list\":[{\"ext\":\"106\"}]}")
                  .status())
          .isEqualTo(200);
      assertThat(started).isNotDone();

      crm.release();
      String id = started.get().json().get("callid").asText();
      patient.step(5);
      assertThat(patient.webhooksOf(id).get(0)).contains("extension=106");
    }
  }

  @Test
  void generatedTrafficAsksWithoutHoldingTheEngineAndRingsTheNamedExtension() {
    // Every number to sales (999); 110 is a support member, so only the CRM's answer rings it.
    TenantSetup built = tenant(RoutingSetup.LONGEST_TIMEOUT);
    TenantSetup salesOnly =
        new TenantSetup(
            built.domain(),
            built.key(),
            built.crmUrl(),
            false,
            built.zone(),
            Edition.V2,
            built.agents(),
            built.queues(),
            java.util.Map.of("19002028", "999"),
            false,
            built.routing());
    crm.answer(200, "110");
    try (TestPbx sales = TestPbx.start(salesOnly)) {
      new TrafficGenerator(sales.engine, 240, 9).start();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                sales.step(5);
                return sales.webhooks.stream()
                    .anyMatch(
                        w -> w.contains("queue=999&extension=110") && w.contains("event=RINGING"));
              });
    }
    assertThat(crm.asked()).isNotEmpty();
    assertThat(crm.asked()).allMatch(q -> q.startsWith(RouteQuestions.PREFIX + "/api/"));
  }
}
