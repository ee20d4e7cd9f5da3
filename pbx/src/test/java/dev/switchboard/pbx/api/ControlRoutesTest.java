package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.engine.SimClock;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The control API over real HTTP: scripted calls of every outcome, agents' phones, the clock. */
class ControlRoutesTest {
  private final TestPbx pbx = TestPbx.start();

  @AfterEach
  void stop() {
    pbx.close();
  }

  private String startCall(String body) {
    TestPbx.Reply reply = pbx.post("/sim/calls", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.contentType()).startsWith("application/json");
    return reply.json().get("callid").asText();
  }

  private static void assertError(TestPbx.Reply reply, int status, String message) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json().get("result").isNull()).isTrue();
    assertThat(reply.json().get("message").asText()).isEqualTo(message);
  }

  @Test
  void anAnsweredInboundCallIsPickedUpByTheNamedExtensionAndTalksAsLongAsScripted() {
    String id =
        startCall(
            """
            {"tenant":"abc.com","direction":"inbound","did":"19002028","phone":"0938363739",
             "outcome":"answered","extension":"103","after":5,"talk":37}
            """);

    pbx.step(60);

    assertThat(pbx.webhooksOf(id))
        .containsExactly(
            "/api/callcenter/call_in?phone=0938363739&queue=999&extension=103&callid="
                + id
                + "&event=RINGING&did=19002028",
            "/api/callcenter/call_in?phone=0938363739&queue=999&extension=103&callid="
                + id
                + "&event=ANSWER&did=19002028",
            "/api/callcenter/hangup?callid=" + id,
            "/api/callcenter/calldata?callid="
                + id
                + "&calldate=2024-03-01%2013:15:40&duration=42&billsec=37&status=ANSWER"
                + "&did=19002028&extension=103&phone=0938363739&direction=Inbound"
                + "&recordingfile=https://pbx.test/play_audio/data/"
                + id);
  }

  static Stream<Arguments> scriptedCalls() {
    return Stream.of(
        Arguments.of(
            "inbound no answer",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"outcome\":\"no_answer\",\"extension\":\"104\"}",
            "&status=NOANSWER&did=19002028&extension=104&phone=0938363739&direction=Inbound"),
        Arguments.of(
            "inbound abandoned",
            "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0938363739\","
                + "\"outcome\":\"abandoned\",\"after\":12}",
            "/api/callcenter/hangup?callid="),
        Arguments.of(
            "inbound busy",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"outcome\":\"busy\"}",
            "&billsec=0&status=BUSY&did=19002028&phone=0938363739&direction=Inbound"),
        Arguments.of(
            "outbound answered",
            "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0912345678\","
                + "\"outcome\":\"answered\",\"after\":4,\"talk\":10}",
            "&duration=14&billsec=10&status=ANSWER&extension=105&phone=0912345678"
                + "&direction=Outbound"),
        Arguments.of(
            "outbound no answer",
            "{\"direction\":\"outbound\",\"extension\":\"106\",\"phone\":\"0912345678\","
                + "\"outcome\":\"no_answer\"}",
            "&billsec=0&status=NOANSWER&extension=106&phone=0912345678&direction=Outbound"),
        Arguments.of(
            "outbound busy",
            "{\"direction\":\"outbound\",\"extension\":\"107\",\"phone\":\"0912345678\","
                + "\"outcome\":\"busy\"}",
            "&billsec=0&status=BUSY&extension=107&phone=0912345678&direction=Outbound"),
        Arguments.of(
            "outbound cancelled",
            "{\"direction\":\"outbound\",\"extension\":\"108\",\"phone\":\"0912345678\","
                + "\"outcome\":\"cancelled\",\"after\":8}",
            "&duration=8&billsec=0&status=CANCEL&extension=108&phone=0912345678"
                + "&direction=Outbound"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scriptedCalls")
  void eachScriptedOutcomeEndsTheWayItWasScripted(String name, String body, String lastWebhook) {
    String id = startCall(body);

    pbx.step(120);

    assertThat(pbx.webhooksOf(id)).isNotEmpty();
    assertThat(pbx.webhooksOf(id).getLast()).contains(lastWebhook);
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void anAbandonedCallIsAMissedCallWithTheScriptedHoldtime() {
    String id =
        startCall(
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"outcome\":\"abandoned\",\"after\":12}");

    pbx.step(20);

    assertThat(pbx.webhooksOf(id))
        .containsExactly(
            "/api/callcenter/calldata?callid="
                + id
                + "&holdtime=12&status=ABANDON&queue=999&phone=0938363739",
            "/api/callcenter/hangup?callid=" + id);
  }

  @Test
  void anAgentsPhoneIsUnregisteredRegisteredPausedAndUnpaused() {
    TestPbx.Reply off = pbx.post("/sim/agents/101", "{\"registered\":false}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.body()).isEqualTo("{\"extension\":\"101\",\"status\":\"off\"}");

    pbx.post("/sim/agents/101", "{\"registered\":true}");
    TestPbx.Reply paused = pbx.post("/sim/agents/101", "{\"tenant\":\"abc.com\",\"paused\":true}");
    assertThat(paused.json().get("status").asText()).isEqualTo("pause");
    pbx.post("/sim/agents/101", "{\"paused\":false}");

    assertThat(pbx.webhooks)
        .containsExactly(
            "/api/Agent/ChangeStatus?extension=101&status=off",
            "/api/Agent/ChangeStatus?extension=101&status=on",
            "/api/Agent/ChangeStatus?extension=101&status=pause",
            "/api/Agent/ChangeStatus?extension=101&status=on");
  }

  @Test
  void anAgentOnACallCannotBeUnregistered() {
    startCall(
        "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0912345678\","
            + "\"talk\":30}");

    assertError(
        pbx.post("/sim/agents/105", "{\"registered\":false}"),
        400,
        "extension 105 is on a call; unregister it after the call");
  }

  @Test
  void theClockIsReadAndAdvancedRunningWhatFallsDue() {
    TestPbx.Reply before = pbx.get("/sim/clock");
    assertThat(before.body()).isEqualTo("{\"now\":\"2024-03-01T06:15:40Z\",\"stepped\":true}");
    String id =
        startCall(
            "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0912345678\","
                + "\"after\":4,\"talk\":10}");

    TestPbx.Reply after = pbx.post("/sim/clock", "{\"advance\":90.5}");

    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().get("now").asText()).isEqualTo("2024-03-01T06:17:10.500Z");
    assertThat(after.json().get("stepped").asBoolean()).isTrue();
    assertThat(after.json().get("ran").asInt()).isPositive();
    assertThat(pbx.webhooksOf(id).getLast()).contains("&status=ANSWER&extension=105");
  }

  @Test
  void aRunningClockCannotBeAdvancedByHand() {
    try (TestPbx running = TestPbx.start(SimClock.running(Clock.systemUTC(), 1))) {
      TestPbx.Reply reply = running.post("/sim/clock", "{\"advance\":10}");

      assertError(
          reply,
          409,
          "the clock is running (1.0x real time), not stepped; only an emulator started in step"
              + " mode can be advanced by hand");
      assertThat(running.get("/sim/clock").json().get("stepped").asBoolean()).isFalse();
    }
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "/sim/calls", "{\"phone\":\"0938363739\"}", 400, "field direction: is missing"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"sideways\",\"phone\":\"0938363739\"}",
            400,
            "field direction: is not inbound or outbound"),
        Arguments.of(
            "/sim/calls", "direction=inbound", 400, "body is not JSON (at line 1, column 1)"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"phone\":\"0938363739\"}",
            400,
            "field did: is missing (the number an inbound call dials)"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\"}",
            400,
            "field phone: is missing"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"outcome\":\"lost\"}",
            400,
            "field outcome: 'lost' is not answered, no_answer, abandoned, busy or cancelled"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"outcome\":\"cancelled\"}",
            400,
            "field outcome: cancelled is for outbound calls (an inbound caller who hangs up first"
                + " has abandoned)"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0912345678\","
                + "\"outcome\":\"busy\",\"after\":3}",
            400,
            "field after: applies to answered, abandoned and cancelled calls only, not busy"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0912345678\","
                + "\"outcome\":\"abandoned\"}",
            400,
            "field outcome: abandoned is for inbound calls (the caller hangs up while waiting)"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"after\":-1}",
            400,
            "field after: is negative"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                + "\"talk\":\"long\"}",
            400,
            "field talk: is not a number of seconds"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"inbound\",\"did\":\"1800\",\"phone\":\"0938363739\"}",
            400,
            "number 1800 is not routed (known: "),
        Arguments.of(
            "/sim/calls",
            "{\"tenant\":\"xyz.com\",\"direction\":\"inbound\",\"did\":\"19002028\","
                + "\"phone\":\"0938363739\"}",
            404,
            "no tenant 'xyz.com' (known: abc.com)"),
        Arguments.of(
            "/sim/calls",
            "{\"direction\":\"outbound\",\"extension\":\"555\",\"phone\":\"0912345678\"}",
            404,
            "extension 555 does not exist on abc.com"),
        Arguments.of(
            "/sim/agents/555",
            "{\"registered\":false}",
            404,
            "extension 555 does not exist on abc.com"),
        Arguments.of(
            "/sim/agents/101", "{}", 400, "give registered or paused (or both) as true or false"),
        Arguments.of(
            "/sim/agents/101",
            "{\"registered\":\"no\"}",
            400,
            "field registered: is not true or false"),
        Arguments.of("/sim/clock", "{}", 400, "field advance: is missing (seconds to advance)"),
        Arguments.of("/sim/clock", "{\"advance\":-5}", 400, "field advance: is negative"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badRequests")
  void aBadRequestIsRefusedNamingTheProblemAndStartsNothing(
      String path, String body, int status, String message) {
    TestPbx.Reply reply = pbx.post(path, body);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json().get("result").isNull()).isTrue();
    // Starts with: the engine lists known numbers in no fixed order.
    assertThat(reply.json().get("message").asText()).startsWith(message);
    assertThat(pbx.engine.activeCalls()).isZero();
    assertThat(pbx.webhooks).isEmpty();
  }
}
