package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.engine.Script;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PBX API over real HTTP against the built-in call center: the seed's paths and bodies (the
 * seed's example key replaced by the built-in key), wrong keys, unknown extensions and bad bodies.
 */
class PbxApiRoutesTest {
  private static final String KEY = TestPbx.KEY;
  private static final String SEED_KEY = "98589afb123863cf4d5cd4ec2c41072";

  private final TestPbx pbx = TestPbx.start();

  @AfterEach
  void stop() {
    pbx.close();
  }

  private static String dialPath(String method, String extension, String phone, String key) {
    return "/api/CallControl/"
        + method
        + "/from_number/"
        + extension
        + "/to_number/"
        + phone
        + "/key/"
        + key
        + "/domain/abc.com";
  }

  /** A seed body, verbatim, with the seed's example key replaced by the emulator's. */
  private static String seed(String body) {
    return body.replace(SEED_KEY, KEY);
  }

  private static void assertError(TestPbx.Reply reply, int status, String message) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().get("result").isNull()).isTrue();
    assertThat(reply.json().get("message").asText()).isEqualTo(message);
    assertThat(reply.body()).doesNotContain(KEY);
  }

  private String callIdOfInit() {
    String init =
        pbx.webhooks.stream().filter(w -> w.startsWith("/api/callcenter/init")).findFirst().get();
    return init.replaceAll(".*callid=([^&]+).*", "$1");
  }

  @Test
  void seedClickToCallFromExtension100RingsTheSupervisorsPhone() {
    // The documents' example, verbatim: 100 is the built-in call center's supervisor, in no queue.
    TestPbx.Reply reply =
        pbx.get(
            "/api/CallControl/dial/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("Success");
    assertThat(pbx.webhooks).containsExactly("/api/Agent/ChangeStatus?extension=100&status=ring");
  }

  @Test
  void clickToCallFromAnExtensionTheCallCenterLacksIsRefused() {
    TestPbx.Reply reply = pbx.get(dialPath("dial", "555", "0938363739", KEY));

    assertError(reply, 404, "extension 555 does not exist");
    assertThat(pbx.webhooks).isEmpty();
  }

  @Test
  void clickToCallAnswersSuccessAndTheOutboundWebhooksFollowAsTheClockMoves() {
    TestPbx.Reply reply = pbx.get(dialPath("dial", "101", "0938363739", KEY));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo("Success");
    assertThat(pbx.webhooks).containsExactly("/api/Agent/ChangeStatus?extension=101&status=ring");

    pbx.step(4);
    String callId = callIdOfInit();
    assertThat(pbx.webhooks)
        .contains(
            "/api/Agent/ChangeStatus?extension=101&status=talk",
            "/api/callcenter/init?extension=101&phone=0938363739&callid="
                + callId
                + "&event=RINGING");

    pbx.step(120);
    assertThat(pbx.webhooksOf(callId).getLast())
        .startsWith("/api/callcenter/calldata?callid=" + callId)
        .contains("&extension=101&phone=0938363739&direction=Outbound");
  }

  @Test
  void dialAsyncAnswersAtOnceWithTheCallidBeforeTheAgentPicksUp() {
    TestPbx.Reply reply = pbx.get(dialPath("dial_async", "102", "0938363739", KEY));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("message").asText()).isEqualTo("OK");
    String callId = reply.json().get("result").get("callid").asText();
    assertThat(callId).isNotBlank();
    assertThat(pbx.webhooks).containsExactly("/api/Agent/ChangeStatus?extension=102&status=ring");

    pbx.step(4);
    assertThat(pbx.webhooksOf(callId))
        .first()
        .isEqualTo(
            "/api/callcenter/init?extension=102&phone=0938363739&callid="
                + callId
                + "&event=RINGING");
  }

  @Test
  void clickToCallWithAWrongKeyIsForbiddenAndRingsNobody() {
    TestPbx.Reply reply =
        pbx.get(dialPath("dial", "101", "0938363739", "00000000000000000000000000000000"));

    assertError(reply, 403, "key or domain is wrong: no company on this PBX has both");
    pbx.step(10);
    assertThat(pbx.webhooks).isEmpty();
    assertThat(pbx.engine.statuses(TestPbx.DOMAIN, List.of("101")))
        .containsEntry("101", AgentState.ON);
  }

  @Test
  void clickToCallWithTheRightKeyButAnotherDomainIsForbidden() {
    TestPbx.Reply reply =
        pbx.get(
            "/api/CallControl/dial/from_number/101/to_number/0938363739/key/"
                + KEY
                + "/domain/other.com");

    assertError(reply, 403, "key or domain is wrong: no company on this PBX has both");
    assertThat(pbx.webhooks).isEmpty();
  }

  @Test
  void clickToCallWithoutAPhoneNamesTheMissingParameter() {
    TestPbx.Reply reply =
        pbx.get("/api/CallControl/dial/from_number/101/key/" + KEY + "/domain/abc.com");

    assertError(reply, 400, "field to_number: path segment is missing");
  }

  @Test
  void clickToCallFromAnAgentAlreadyOnACallIsRefusedWithTheEnginesReason() {
    assertThat(pbx.get(dialPath("dial", "101", "0938363739", KEY)).status()).isEqualTo(200);

    TestPbx.Reply second = pbx.get(dialPath("dial", "101", "0912345678", KEY));

    assertError(second, 400, "extension 101 is busy on another call");
  }

  @Test
  void seedExtensionStatusBodyNamesTheExtensionTheBuiltInCenterLacks() {
    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/status/format/json",
            seed(
                """
                {
                  "key" : "98589afb123863cf4d5cd4ec2c41072",
                  "list" :
                   [
                    {"ext" : "100"},
                    {"ext" : "200"}
                   ]
                }
                """));

    assertError(reply, 404, "extension 200 does not exist");
  }

  @Test
  void extensionStatusListsEachExtensionAskedForInOrder() {
    pbx.engine.pause(TestPbx.DOMAIN, "101", true);
    pbx.engine.register(TestPbx.DOMAIN, "103", false);

    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/status/format/json",
            "{\"key\":\""
                + KEY
                + "\",\"list\":[{\"ext\":\"102\"},{\"ext\":101},{\"ext\":\"103\"}]}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"result\":[{\"ext\":\"102\",\"status\":\"on\"},{\"ext\":\"101\",\"status\":\"pause\"},"
                + "{\"ext\":\"103\",\"status\":\"off\"}]}");
  }

  @Test
  void seedSpyBodyFromTheSupervisorIsRefusedWhileTheAgentIsNotInACall() {
    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/spy/format/json",
            seed(
                """
                {
                 "key" : "98589afb123863cf4d5cd4ec2c41072",
                 "src" : "100",
                 "dst" : "101",
                 "mode" : "whisper"
                }
                """));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").asText()).contains("101");
  }

  @Test
  void spyFromAnExtensionTheCallCenterLacksIsRefused() {
    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/spy/format/json",
            seed(
                """
                {
                 "key" : "98589afb123863cf4d5cd4ec2c41072",
                 "src" : "555",
                 "dst" : "101",
                 "mode" : "whisper"
                }
                """));

    assertError(reply, 404, "extension 555 does not exist");
  }

  @Test
  void seedQueueMembersBodyListsBothQueuesWithTheirMembers() {
    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/all_members/format/json",
            seed(
                """
                {
                 "key" : "98589afb123863cf4d5cd4ec2c41072"
                }
                """));

    assertThat(reply.status()).isEqualTo(200);
    var result = reply.json().get("result");
    assertThat(result).hasSize(2);
    assertThat(result.get(0).get("queue").asText()).isEqualTo("999");
    assertThat(result.get(0).get("name").asText()).isEqualTo("Sales");
    assertThat(result.get(0).get("members").toString())
        .startsWith(
            "[{\"ext\":\"101\",\"paused\":false,\"penalty\":0,\"status\":\"on\"},{\"ext\":\"102\"");
    assertThat(result.get(0).get("members")).hasSize(6);
    assertThat(result.get(1).get("queue").asText()).isEqualTo("998");
    assertThat(result.get(1).get("members").get(5).get("ext").asText()).isEqualTo("112");
  }

  @Test
  void updateStatusNamesTheUnknownExtension() {
    TestPbx.Reply reply =
        pbx.post(
            "/api/Agent/update_status",
            seed(
                """
                {
                 "key" : "98589afb123863cf4d5cd4ec2c41072",
                 "exten" : "555",
                 "status" : "0"
                }
                """));

    assertError(reply, 404, "extension 555 does not exist");
    assertThat(pbx.webhooks).isEmpty();
  }

  @Test
  void seedCallRecordQueryFindsNoCallOnThatDay() {
    TestPbx.Reply reply =
        pbx.post(
            "/internal/Reports/cdr/format/json",
            seed(
                """
                {
                 "key" : "98589afb123863cf4d5cd4ec2c41072",
                 "callid" : "fb80cc79-e179-1234-92d7-04748b9bb475",
                 "startdate" : "2022-09-23",
                 "enddate" : "2022-09-23"
                }
                """));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"result\":[],\"total\":0}");
  }

  @Test
  void updateStatusPausesThenUnpausesAndChangeStatusWebhooksFollow() {
    TestPbx.Reply paused =
        pbx.post(
            "/api/Agent/update_status",
            "{\"key\":\"" + KEY + "\",\"exten\":\"101\",\"status\":\"1\"}");

    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body())
        .isEqualTo(
            "{\"result\":{\"exten\":\"101\",\"paused\":true,\"state\":\"pause\"},\"message\":\"OK\"}");
    assertThat(pbx.webhooks).containsExactly("/api/Agent/ChangeStatus?extension=101&status=pause");

    TestPbx.Reply unpaused =
        pbx.post(
            "/api/Agent/update_status", "{\"key\":\"" + KEY + "\",\"exten\":\"101\",\"status\":0}");

    assertThat(unpaused.status()).isEqualTo(200);
    assertThat(unpaused.json().get("result").get("state").asText()).isEqualTo("on");
    assertThat(pbx.webhooks)
        .containsExactly(
            "/api/Agent/ChangeStatus?extension=101&status=pause",
            "/api/Agent/ChangeStatus?extension=101&status=on");
  }

  @Test
  void spyNeedsACallToListenToAndAListenerWhoIsFree() {
    String spy = "/api/Agent/spy/format/json";
    String body = "{\"key\":\"" + KEY + "\",\"src\":\"110\",\"dst\":\"101\",\"mode\":\"whisper\"}";

    assertError(pbx.post(spy, body), 400, "extension 101 has no call in progress to listen to");

    String call = answeredCall("101", 30);
    TestPbx.Reply listening = pbx.post(spy, body);

    assertThat(listening.status()).isEqualTo(200);
    String leg = listening.json().get("result").get("callid").asText();
    assertThat(leg).isNotEqualTo(call);
    assertThat(listening.json().get("result").get("mode").asText()).isEqualTo("whisper");
    assertThat(listening.json().get("message").asText()).isEqualTo("OK");
    assertThat(pbx.webhooksOf(leg))
        .first()
        .asString()
        .startsWith("/api/callcenter/init?extension=110&phone=101&callid=" + leg);

    TestPbx.Reply again = pbx.post(spy, body.replace("whisper", "threeway"));
    assertError(again, 400, "extension 110 is busy on another call");
  }

  @Test
  void spyWorksInEveryMode() {
    answeredCall("101", 60);
    String[] listeners = {"107", "108", "109", "110"};
    String[] modes = {"whisper", "threeway", "caller", "callee"};
    for (int i = 0; i < modes.length; i++) {
      TestPbx.Reply reply =
          pbx.post(
              "/api/Agent/spy/format/json",
              "{\"key\":\""
                  + KEY
                  + "\",\"src\":\""
                  + listeners[i]
                  + "\",\"dst\":\"101\",\"mode\":\""
                  + modes[i]
                  + "\"}");
      assertThat(reply.status()).as(modes[i]).isEqualTo(200);
      assertThat(reply.json().get("result").get("mode").asText()).isEqualTo(modes[i]);
    }
  }

  /**
   * An inbound call answered by {@code extension} after 2 s, talking {@code talk} s; stepped in.
   */
  private String answeredCall(String extension, int talk) {
    String call =
        pbx.engine.inbound(
            TestPbx.DOMAIN,
            "19002028",
            "0938363739",
            Optional.of(
                new Script.Answer(
                    Optional.of(extension), Duration.ofSeconds(2), Duration.ofSeconds(talk))),
            Duration.ZERO,
            Duration.ZERO);
    pbx.step(3);
    return call;
  }

  @Test
  void callRecordsAreTheFinishedCallsOfTheDaysAskedForOrTheOneCallid() {
    String inbound =
        pbx.engine.inbound(
            TestPbx.DOMAIN,
            "19002028",
            "0938363739",
            Optional.of(
                new Script.Answer(
                    Optional.of("101"), Duration.ofSeconds(5), Duration.ofSeconds(37))),
            Duration.ZERO,
            Duration.ZERO);
    pbx.step(60);
    String outbound =
        pbx.engine.outbound(
            TestPbx.DOMAIN,
            "105",
            "0912345678",
            Optional.of(
                new Script.Answer(Optional.empty(), Duration.ofSeconds(4), Duration.ofSeconds(10))),
            Duration.ZERO);
    pbx.step(20);
    String cdr = "/internal/Reports/cdr/format/json";

    TestPbx.Reply day =
        pbx.post(
            cdr,
            "{\"key\":\"" + KEY + "\",\"startdate\":\"2024-03-01\",\"enddate\":\"2024-03-01\"}");

    assertThat(day.status()).isEqualTo(200);
    assertThat(day.json().get("result")).hasSize(2);
    assertThat(day.json().get("total").asInt()).isEqualTo(2);
    assertThat(day.json().get("result").get(0).toString())
        .isEqualTo(
            "{\"direction\":\"Inbound\",\"queue_name\":\"999\","
                + "\"calldate\":\"2024-03-01 13:15:40\",\"callerid\":\"0938363739\","
                + "\"destination\":\"101\",\"status\":\"ANSWER\",\"billsec\":\"37\","
                + "\"duration\":\"42\",\"holdtime\":5,\"callid\":\""
                + inbound
                + "\",\"did_number\":\"19002028\",\"fee\":0,\"recordingpath\":\""
                + TestPbx.RECORDING_BASE
                + "/play_audio/data/"
                + inbound
                + "\"}");
    assertThat(day.json().get("result").get(1).toString())
        .isEqualTo(
            "{\"direction\":\"Outbound\",\"queue_name\":\"\","
                + "\"calldate\":\"2024-03-01 13:16:40\",\"callerid\":\"105\","
                + "\"destination\":\"0912345678\",\"status\":\"ANSWER\",\"billsec\":\"10\","
                + "\"duration\":\"14\",\"holdtime\":0,\"callid\":\""
                + outbound
                + "\",\"did_number\":\"\",\"fee\":800,\"recordingpath\":\""
                + TestPbx.RECORDING_BASE
                + "/play_audio/data/"
                + outbound
                + "\"}");

    TestPbx.Reply one =
        pbx.post(
            cdr,
            "{\"key\":\""
                + KEY
                + "\",\"callid\":\""
                + outbound
                + "\",\"startdate\":\"2024-02-01\",\"enddate\":\"2024-03-31\"}");
    assertThat(one.json().get("result")).hasSize(1);
    assertThat(one.json().get("result").get(0).get("callid").asText()).isEqualTo(outbound);

    for (String other : new String[] {"2024-02-29", "2024-03-02"}) {
      TestPbx.Reply none =
          pbx.post(
              cdr,
              "{\"key\":\""
                  + KEY
                  + "\",\"startdate\":\""
                  + other
                  + "\",\"enddate\":\""
                  + other
                  + "\"}");
      assertThat(none.body()).as(other).isEqualTo("{\"result\":[],\"total\":0}");
    }
  }

  @Test
  void pathsInAnyCaseWorkWhenTheServerMatchesRoutesCaseInsensitively() {
    try (TestPbx anyCase = TestPbx.startCaseInsensitive()) {
      TestPbx.Reply dial =
          anyCase.get(
              "/API/callcontrol/DIAL/From_Number/101/To_Number/0938363739/KEY/"
                  + KEY
                  + "/Domain/ABC.com/");
      TestPbx.Reply members =
          anyCase.post("/api/agent/all_members/FORMAT/JSON", "{\"key\":\"" + KEY + "\"}");

      assertThat(dial.body()).isEqualTo("Success");
      assertThat(members.status()).isEqualTo(200);
      assertThat(members.json().get("result")).hasSize(2);
    }
  }

  static Stream<Arguments> everyJsonCallWithAWrongKey() {
    String wrong = "\"key\":\"not-the-key\"";
    return Stream.of(
        Arguments.of(
            "/api/Agent/status/format/json", "{" + wrong + ",\"list\":[{\"ext\":\"101\"}]}"),
        Arguments.of(
            "/api/Agent/spy/format/json",
            "{" + wrong + ",\"src\":\"110\",\"dst\":\"101\",\"mode\":\"whisper\"}"),
        Arguments.of("/api/Agent/all_members/format/json", "{" + wrong + "}"),
        Arguments.of(
            "/api/Agent/update_status", "{" + wrong + ",\"exten\":\"101\",\"status\":\"1\"}"),
        Arguments.of(
            "/internal/Reports/cdr/format/json",
            "{" + wrong + ",\"startdate\":\"2024-03-01\",\"enddate\":\"2024-03-01\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyJsonCallWithAWrongKey")
  void everyJsonCallWithAWrongKeyIsForbiddenAndChangesNothing(String path, String body) {
    TestPbx.Reply reply = pbx.post(path, body);

    assertError(reply, 403, "key is wrong: no company on this PBX has it");
    assertThat(pbx.webhooks).isEmpty();
  }

  static Stream<Arguments> badBodies() {
    String key = "\"key\":\"" + KEY + "\"";
    return Stream.of(
        Arguments.of(
            "/api/Agent/status/format/json", "ext=101", "body is not JSON (at line 1, column 1)"),
        Arguments.of("/api/Agent/status/format/json", "", "body is empty (expected JSON)"),
        Arguments.of("/api/Agent/status/format/json", "[]", "body is not a JSON object"),
        Arguments.of("/api/Agent/status/format/json", "{" + key + "}", "field list: is missing"),
        Arguments.of(
            "/api/Agent/status/format/json",
            "{" + key + ",\"list\":[{\"extension\":\"101\"}]}",
            "field list[0].ext: is missing"),
        Arguments.of(
            "/api/Agent/spy/format/json",
            "{" + key + ",\"src\":\"110\",\"mode\":\"whisper\"}",
            "field dst: is missing"),
        Arguments.of(
            "/api/Agent/spy/format/json",
            "{" + key + ",\"src\":\"110\",\"dst\":\"101\",\"mode\":\"shout\"}",
            "field mode: 'shout' is not one of whisper, threeway, caller, callee"),
        Arguments.of("/api/Agent/all_members/format/json", "{}", "field key: is missing"),
        Arguments.of(
            "/api/Agent/update_status",
            "{" + key + ",\"exten\":\"101\",\"status\":\"2\"}",
            "field status: is not \"0\" (unpaused) or \"1\" (paused)"),
        Arguments.of(
            "/internal/Reports/cdr/format/json",
            "{" + key + ",\"startdate\":\"2024-13-01\",\"enddate\":\"2024-03-01\"}",
            "field startdate: '2024-13-01' is not a date (expected YYYY-MM-DD)"),
        Arguments.of(
            "/internal/Reports/cdr/format/json",
            "{" + key + ",\"startdate\":\"2024-03-02\",\"enddate\":\"2024-03-01\"}",
            "field enddate: 2024-03-01 is before startdate 2024-03-02"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badBodies")
  void aBadBodyIsA400NamingTheProblem(String path, String body, String message) {
    TestPbx.Reply reply = pbx.post(path, body);

    assertError(reply, 400, message);
    assertThat(pbx.webhooks).isEmpty();
  }
}
