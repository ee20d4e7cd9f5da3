package dev.switchboard.client;

import static dev.switchboard.client.Failures.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.client.FakePbx.Answer;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.ExtensionStatus;
import dev.switchboard.protocol.api.ExtensionStatusReply;
import dev.switchboard.protocol.api.ExtensionStatusRequest;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.QueueMembersRequest;
import dev.switchboard.protocol.api.QueueStatusUpdate;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.api.SpyRequest;
import dev.switchboard.protocol.webhook.AgentState;
import dev.switchboard.protocol.webhook.CallStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replies the emulator never gives, from a scriptable fake PBX: the plain text PBXs in the field
 * send, HTML pages, bodies of the wrong shape, server errors; and the exact requests the client
 * sends.
 */
class PbxClientRepliesTest {
  private static final PbxKey KEY = Emulator.KEY;
  private static final String NGINX_PAGE =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
          + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  @RegisterExtension final ClientLogs logs = new ClientLogs(KEY);

  private final FakePbx fake = new FakePbx();
  private final PbxClient pbx = PbxClient.builder(fake.baseUrl(), KEY, "abc.com").build();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void plainTextSuccessInAnyCaseAndSpacingIsAPlacedCall() {
    for (String body : List.of("Success", " success\n", "SUCCESS", "\"Success\"")) {
      fake.answer(Answer.text(200, body));
      pbx.dial("101", "0938363739");
    }
    fake.answer(Answer.json(200, "{\"result\":{\"callid\":\"1710000000.42\"},\"message\":\"OK\"}"));
    pbx.dial("101", "0938363739");
    assertThat(fake.requests).hasSize(5);
  }

  @Test
  void dialAsyncGivesTheCallIdWhenThePbxGivesOne() {
    fake.answer(Answer.json(200, "{\"result\":{\"callid\":\"1710000000.42\"},\"message\":\"OK\"}"));
    assertThat(pbx.dialAsync("101", "0938363739")).contains("1710000000.42");

    fake.answer(Answer.text(200, "Success\r\n"));
    assertThat(pbx.dialAsync("101", "0938363739")).isEmpty();

    fake.answer(Answer.json(200, "{\"result\":{},\"message\":\"OK\"}"));
    assertThat(pbx.dialAsync("101", "0938363739")).isEmpty();
  }

  @Test
  void spyAndPauseAcceptPlainTextSuccessToo() {
    fake.answer(Answer.text(200, " Success "));

    assertThat(pbx.spy("110", "101", SpyMode.WHISPER)).isEmpty();
    pbx.setPaused("101", true);

    fake.answer(Answer.json(200, "{\"result\":{\"callid\":12345},\"message\":\"OK\"}"));
    assertThat(pbx.spy("110", "101", SpyMode.WHISPER)).isEqualTo("12345");
    fake.answer(Answer.json(200, "{\"result\":true}"));
    assertThat(pbx.spy("110", "101", SpyMode.WHISPER)).isEmpty();
  }

  @Test
  void anHtmlPageInsteadOfAReplyIsRefusedQuotingItsStart() {
    fake.answer(Answer.html(200, "<html><body><h1>Welcome to nginx!</h1></body></html>"));

    PbxRefusedException dial =
        expect(PbxRefusedException.class, () -> pbx.dial("101", "0938363739"), KEY);
    assertThat(dial.status()).isEqualTo(200);
    assertThat(dial)
        .hasMessage(
            "the PBX at "
                + fake.baseUrl()
                + " gave an unexpected reply to dial (HTTP 200): expected the text Success or JSON"
                + " with a result; the body is: '<html><body><h1>Welcome to nginx!</h1></body></html>'");

    PbxRefusedException members = expect(PbxRefusedException.class, pbx::queueMembers, KEY);
    assertThat(members.pbxMessage())
        .startsWith("body is not JSON (at line 1, column 1); the body is: '<html>");
  }

  @Test
  void aReplyOfTheWrongShapeNamesTheProblem() {
    fake.answer(Answer.json(200, "{\"result\":{\"queue\":\"999\"}}"));
    PbxRefusedException notList = expect(PbxRefusedException.class, pbx::queueMembers, KEY);
    assertThat(notList)
        .hasMessageContaining(
            "unexpected reply to queue members (HTTP 200): field result: is not a list");

    fake.answer(Answer.json(200, "{\"result\":[{\"ext\":\"101\"}]}"));
    PbxRefusedException noStatus =
        expect(PbxRefusedException.class, () -> pbx.extensionStatus(List.of("101")), KEY);
    assertThat(noStatus.pbxMessage()).startsWith("field result[0].status: is missing");

    fake.answer(Answer.json(200, "{}"));
    PbxRefusedException empty =
        expect(
            PbxRefusedException.class,
            () ->
                pbx.callRecords(
                    LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1), Optional.empty()),
            KEY);
    assertThat(empty.pbxMessage()).isEqualTo("no result and no error message; the body is: '{}'");

    fake.answer(Answer.text(200, ""));
    PbxRefusedException nothing =
        expect(PbxRefusedException.class, () -> pbx.setPaused("101", true), KEY);
    assertThat(nothing.pbxMessage()).endsWith("the body is empty");
  }

  @Test
  void anErrorInASuccessfulAnswerIsARefusalWithThePbxsMessage() {
    fake.answer(
        Answer.json(200, "{\"result\":null,\"message\":\"extension 101 is not in any queue\"}"));

    PbxRefusedException refused =
        expect(PbxRefusedException.class, () -> pbx.setPaused("101", true), KEY);

    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused)
        .hasMessage(
            "the PBX at " + fake.baseUrl() + " refused pause: extension 101 is not in any queue");
  }

  @Test
  void aLongBodyIsQuotedToItsFirst200Characters() {
    String page = "<html>" + "x".repeat(5000) + "</html>";
    fake.answer(Answer.html(200, page));

    PbxRefusedException refused = expect(PbxRefusedException.class, pbx::queueMembers, KEY);

    String quoted = refused.pbxMessage().substring(refused.pbxMessage().indexOf("'") + 1);
    assertThat(quoted).isEqualTo(page.substring(0, 200) + "...'");
    assertThat(refused.getMessage()).hasSizeLessThan(400);
  }

  @Test
  void aReplyThatEchoesTheKeyIsQuotedWithTheKeyHidden() {
    fake.answer(
        Answer.html(
            200,
            "<p>unknown key " + KEY.value() + " for domain abc.com</p><p>" + KEY.value() + "</p>"));
    PbxRefusedException echoed =
        expect(PbxRefusedException.class, () -> pbx.dial("101", "0938363739"), KEY);
    assertThat(echoed.pbxMessage()).contains("unknown key *** for domain abc.com");

    // The key cut in two by the 200-character limit must not survive either.
    fake.answer(Answer.html(200, "y".repeat(190) + KEY.value()));
    expect(PbxRefusedException.class, pbx::queueMembers, KEY);

    fake.answer(
        Answer.json(400, "{\"result\":null,\"message\":\"key " + KEY.value() + " is locked\"}"));
    PbxRefusedException locked =
        expect(PbxRefusedException.class, () -> pbx.setPaused("101", true), KEY);
    assertThat(locked.pbxMessage()).isEqualTo("key *** is locked");

    fake.answer(Answer.text(401, "bad key " + KEY.value()));
    expect(PbxRejectedKeyException.class, () -> pbx.dial("101", "0938363739"), KEY);

    fake.answer(Answer.text(503, "overloaded, key=" + KEY.value()));
    expect(UnableToReachPbxException.class, () -> pbx.dial("101", "0938363739"), KEY);
  }

  @Test
  void serverErrorsAreRetryable() {
    fake.answer(Answer.json(500, "{\"result\":null,\"message\":\"internal error; see the log\"}"));
    UnableToReachPbxException internal =
        expect(UnableToReachPbxException.class, pbx::queueMembers, KEY);
    assertThat(internal).isInstanceOf(RetryableException.class);
    assertThat(internal)
        .hasMessage(
            "the PBX at "
                + fake.baseUrl()
                + " failed to carry out queue members (HTTP 500): internal error; see the log");

    fake.answer(Answer.html(502, NGINX_PAGE));
    UnableToReachPbxException gateway =
        expect(UnableToReachPbxException.class, () -> pbx.dial("101", "0938363739"), KEY);
    assertThat(gateway)
        .hasMessageContaining(
            "(HTTP 502): the body is: '<html> <head><title>502 Bad Gateway</title>");

    for (int status : new int[] {503, 504, 408, 429}) {
      fake.answer(Answer.text(status, ""));
      UnableToReachPbxException failed =
          expect(UnableToReachPbxException.class, () -> pbx.setPaused("101", false), KEY);
      assertThat(failed)
          .isInstanceOf(RetryableException.class)
          .hasMessageContaining("HTTP " + status);
    }
  }

  @Test
  void otherClientErrorsAreRefusals() {
    fake.answer(Answer.html(404, "<html><body>Not Found</body></html>"));
    PbxRefusedException notFound =
        expect(PbxRefusedException.class, () -> pbx.extensionStatus(List.of("101")), KEY);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound)
        .hasMessage(
            "the PBX at "
                + fake.baseUrl()
                + " gave an unexpected reply to extension status (HTTP 404): no error message in it;"
                + " the body is: '<html><body>Not Found</body></html>'")
        .isNotInstanceOf(RetryableException.class);

    fake.answer(Answer.text(302, ""));
    assertThat(expect(PbxRefusedException.class, pbx::queueMembers, KEY).status()).isEqualTo(302);
  }

  @Test
  void http401IsARejectedKey() {
    fake.answer(Answer.json(401, "{\"result\":null,\"message\":\"Unauthorized\"}"));

    PbxRejectedKeyException rejected =
        expect(PbxRejectedKeyException.class, pbx::queueMembers, KEY);

    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected)
        .hasMessage(
            "the PBX at "
                + fake.baseUrl()
                + " rejected the key (or domain) for queue members (HTTP 401): Unauthorized");
  }

  @Test
  void eachCallSendsTheProtocolsExactRequest() {
    fake.answer(
        request ->
            request.path().contains("/status/")
                ? Answer.json(200, "{\"result\":[{\"ext\":\"101\",\"status\":\"on\"}]}")
                : request.path().contains("/all_members/") || request.path().contains("/cdr/")
                    ? Answer.json(200, "{\"result\":[]}")
                    : Answer.text(200, "Success"));
    LocalDate day = LocalDate.of(2024, 3, 1);

    pbx.dial("101", "+84 938 363 739");
    pbx.dialAsync("102", "0938363739");
    pbx.extensionStatus(List.of("101"));
    pbx.spy("110", "101", SpyMode.THREEWAY);
    pbx.queueMembers();
    pbx.setPaused("101", true);
    pbx.callRecords(day, day, Optional.of("1710000000.42"));

    assertThat(fake.requests)
        .extracting(FakePbx.Request::method, FakePbx.Request::path, FakePbx.Request::body)
        .containsExactly(
            tuple(
                "GET",
                "/api/CallControl/dial/from_number/101/to_number/%2B84%20938%20363%20739/key/"
                    + KEY.value()
                    + "/domain/abc.com",
                ""),
            tuple(
                "GET",
                "/api/CallControl/dial_async/from_number/102/to_number/0938363739/key/"
                    + KEY.value()
                    + "/domain/abc.com",
                ""),
            tuple(
                "POST",
                "/api/Agent/status/format/json",
                new ExtensionStatusRequest(KEY, List.of("101")).toJson()),
            tuple(
                "POST",
                "/api/Agent/spy/format/json",
                new SpyRequest(KEY, "110", "101", SpyMode.THREEWAY).toJson()),
            tuple(
                "POST",
                "/api/Agent/all_members/format/json",
                new QueueMembersRequest(KEY).toJson()),
            tuple(
                "POST",
                "/api/Agent/update_status",
                new QueueStatusUpdate(KEY, "101", true).toJson()),
            tuple(
                "POST",
                "/internal/Reports/cdr/format/json",
                new CdrQuery(KEY, Optional.of("1710000000.42"), day, day).toJson()));
    assertThat(fake.requests.get(2).contentType()).isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void aBaseUrlWithAPathPrefixKeepsIt() {
    PbxClient prefixed = PbxClient.builder(fake.baseUrl() + "/voice/", KEY, "abc.com").build();
    fake.answer(Answer.json(200, "{\"result\":[]}"));

    prefixed.queueMembers();

    assertThat(fake.requests.get(0).path()).isEqualTo("/voice/api/Agent/all_members/format/json");
  }

  @Test
  void callRecordsAreAskedOfTheReportHostWhenItDiffers() {
    try (FakePbx reports = new FakePbx()) {
      reports.answer(
          Answer.json(
              200,
              "{\"result\":[{\"callid\":\"1710000000.42\",\"calldate\":\"2024-03-01 13:15:40\","
                  + "\"callerid\":\"101\",\"destination\":\"0938363739\",\"direction\":\"Outbound\","
                  + "\"duration\":\"42\",\"billsec\":30,\"status\":\"ANSWER\",\"recordingpath\":\"\"}]}"));
      PbxClient split =
          PbxClient.builder(fake.baseUrl(), KEY, "abc.com")
              .reportBaseUrl(reports.baseUrl())
              .build();
      LocalDate day = LocalDate.of(2024, 3, 1);

      var records = split.callRecords(day, day, Optional.empty());

      assertThat(records).hasSize(1);
      assertThat(records.get(0).extension()).contains("101");
      assertThat(records.get(0).durationSeconds()).contains(42L);
      assertThat(fake.requests).isEmpty();
      assertThat(reports.requests).hasSize(1);
      assertThat(split.toString())
          .isEqualTo(
              "PbxClient[api="
                  + fake.baseUrl()
                  + ", reports="
                  + reports.baseUrl()
                  + ", domain=abc.com]");

      reports.answer(Answer.text(500, ""));
      assertThat(
              expect(
                  UnableToReachPbxException.class,
                  () -> split.callRecords(day, day, Optional.empty()),
                  KEY))
          .hasMessageStartingWith("the PBX at " + reports.baseUrl() + " failed");
    }
  }

  @Test
  void aRealPbxsReportIsReadWithItsQueueHoldtimeDidAndTotal() {
    fake.answer(
        Answer.json(
            200,
            """
            {"result":[{"direction":"Inbound","queue_name":"999","calldate":"2024-03-01 13:15:40",
            "callerid":"0938363739","destination":"101","status":"ANSWER","billsec":"37",
            "duration":"42","holdtime":5,"callid":"1709273740.1234","did_number":"19002028",
            "fee":0,"recordingpath":""},{"direction":"Outbound","queue_name":"",
            "calldate":"2024-03-01 13:20:02","callerid":"105","destination":"0912345678",
            "status":"CANCEL","billsec":"0","duration":"12","holdtime":0,
            "callid":"1709274002.1240","did_number":"","fee":0,"recordingpath":""}],"total":2}
            """));
    LocalDate day = LocalDate.of(2024, 3, 1);

    var records = pbx.callRecords(day, day, Optional.empty());

    assertThat(records).hasSize(2);
    assertThat(records.get(0).queueName()).contains("999");
    assertThat(records.get(0).holdtimeSeconds()).contains(5L);
    assertThat(records.get(0).didNumber()).contains("19002028");
    assertThat(records.get(0).recordingPath()).isEmpty();
    assertThat(records.get(1).status()).contains(CallStatus.CANCEL);
    assertThat(records.get(1).queueName()).isEmpty();
    assertThat(pbx.callReport(day, day, Optional.empty()).total()).contains(2L);
    assertThat(logs.lines()).noneMatch(line -> line.contains("call records for"));
  }

  @Test
  void aReportWithFewerRowsThanItsTotalIsReadAndWarnedAbout() {
    fake.answer(Answer.json(200, "{\"result\":[{\"callid\":\"c1\"}],\"total\":\"500\"}"));
    LocalDate day = LocalDate.of(2024, 3, 1);

    var records = pbx.callRecords(day, day.plusDays(6), Optional.empty());

    assertThat(records).extracting(CdrEntry::callId).containsExactly("c1");
    assertThat(logs.lines())
        .anyMatch(
            line -> line.contains("has 500 call records for 2024-03-01 to 2024-03-07 but sent 1"));
  }

  @Test
  void moreThanAThousandExtensionsAreAskedInParts() {
    fake.answer(
        request -> {
          List<ExtensionStatus> statuses = new ArrayList<>();
          for (String extension : ExtensionStatusRequest.parse(request.body()).extensions()) {
            statuses.add(new ExtensionStatus(extension, AgentState.ON));
          }
          return Answer.json(200, new ExtensionStatusReply(statuses).toJson());
        });
    List<String> extensions = IntStream.range(0, 2500).mapToObj(i -> "ext" + i).toList();

    List<ExtensionStatus> statuses = pbx.extensionStatus(extensions);

    assertThat(statuses).extracting(ExtensionStatus::extension).isEqualTo(extensions);
    assertThat(fake.requests).hasSize(3);
  }
}
