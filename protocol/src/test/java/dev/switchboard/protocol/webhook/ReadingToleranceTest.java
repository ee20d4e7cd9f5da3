package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What PBXs send beyond the letter of the documents is read, not refused. */
class ReadingToleranceTest {
  private final WebhookParser parser = new WebhookParser();

  @Test
  void fieldNamesInAnyCaseAreRead() {
    var event = parser.parseUrl("/api/callcenter/call_in?PHONE=0938363739&Extension=101&CallId=x");
    assertThat(event.event()).isInstanceOf(IncomingCall.class);
    assertThat(((IncomingCall) event.event()).extension()).contains("101");
  }

  @Test
  void unknownFieldsAreKeptInExtra() {
    var event = parser.parseUrl("/api/callcenter/hangup?callid=x&Cause=16&tenant=a");
    assertThat(event.event().extra())
        .containsExactly(java.util.Map.entry("cause", "16"), java.util.Map.entry("tenant", "a"));
  }

  @Test
  void unknownStatusValuesAreKeptAsSent() {
    var event = parser.parseUrl("/api/callcenter/calldata?callid=x&duration=3&status=Chanunavail");
    assertThat(((CallRecord) event.event()).status()).contains(CallStatus.of("Chanunavail"));
    assertThat(((CallRecord) event.event()).status().orElseThrow().code()).isEqualTo("Chanunavail");
  }

  @Test
  void ringIsReadAsRinging() {
    var event = parser.parseUrl("/api/callcenter/call_in?callid=x&phone=0938363739&event=RING");
    assertThat(((IncomingCall) event.event()).event()).contains(CallProgress.RINGING);
  }

  @Test
  void calldateSpaceMayArriveAsPlusOrPercent20() {
    Instant expected = Instant.parse("2024-03-01T06:15:40Z");
    for (String calldate :
        new String[] {
          "2024-03-01+13:15:40",
          "2024-03-01%2013:15:40",
          "2024-03-01 13:15:40",
          "2024-03-01-13:15:40"
        }) {
      var event = parser.parseUrl("/api/callcenter/calldata?callid=x&calldate=" + calldate);
      assertThat(((CallRecord) event.event()).calldate()).as(calldate).contains(expected);
    }
  }

  @Test
  void calldateIsReadInTheGivenZone() {
    var utc = new WebhookParser(java.time.ZoneId.of("UTC"));
    var event = utc.parseUrl("/api/callcenter/calldata?callid=x&calldate=2024-03-01 13:15:40");
    assertThat(((CallRecord) event.event()).calldate())
        .contains(Instant.parse("2024-03-01T13:15:40Z"));
  }

  @Test
  void phonesInEveryVietnameseFormNormaliseToTheSameE164() {
    for (String phone :
        new String[] {"0938363739", "84938363739", "+84938363739", "%2B84938363739"}) {
      var event = parser.parseUrl("/api/callcenter/call_in?callid=x&phone=" + phone);
      assertThat(((IncomingCall) event.event()).phone().e164()).as(phone).contains("+84938363739");
    }
  }

  @Test
  void lettersAreNeverReadAsKeypadDigits() {
    var event = parser.parseUrl("/api/callcenter/call_in?callid=x&phone=093xxxxxxx");
    assertThat(((IncomingCall) event.event()).phone().e164()).isEmpty();
  }

  @Test
  void emptyValuesCountAsAbsent() {
    var event =
        parser.parseUrl("/api/callcenter/calldata?callid=x&duration=0&recordingfile=&billsec=");
    var record = (CallRecord) event.event();
    assertThat(record.recordingUrl()).isEmpty();
    assertThat(record.billsec()).isEmpty();
    assertThat(event.raw().get("recordingfile")).contains("");
  }

  @Test
  void jsonBodyWithNumbersIsRead() {
    var event =
        parser.parseJson(
            WebhookPath.CALLDATA,
            "{\"callid\":\"x\",\"calldate\":\"2024-03-01 13:15:40\",\"duration\":50,\"billsec\":37,\"status\":\"ANSWER\"}");
    assertThat(((CallRecord) event.event()).billsec()).contains(java.time.Duration.ofSeconds(37));
  }

  @Test
  void pathIsFoundUnderAPrefixAndTrailingSlash() {
    assertThat(
            parser
                .parseUrl("http://crm.example.com/crm_call/api/callcenter/hangup/?callid=1")
                .path())
        .isEqualTo(WebhookPath.HANGUP);
  }

  @Test
  void jsonWithoutAPathIsInferredFromItsFields() {
    assertThat(parser.parseJson("{\"extension\":\"101\",\"status\":\"talk\"}").event())
        .isInstanceOf(AgentStatusChange.class);
    assertThat(parser.parseJson("{\"callid\":\"1\"}").event()).isInstanceOf(Hangup.class);
    assertThat(
            parser
                .parseJson("{\"callid\":\"1\",\"phone\":\"0938363739\",\"queue\":\"999\"}")
                .event())
        .isInstanceOf(IncomingCall.class);
    assertThat(
            parser
                .parseJson(
                    "{\"callid\":\"1\",\"phone\":\"0938363739\",\"extension\":\"101\",\"event\":\"RINGING\"}")
                .event())
        .isInstanceOf(OutboundCall.class);
    assertThat(
            parser
                .parseJson("{\"callid\":\"1\",\"status\":\"NOANSWER\",\"extension\":\"101\"}")
                .event())
        .isInstanceOf(AgentNoAnswer.class);
    assertThat(parser.parseJson("{\"callid\":\"1\"}").pathInferred()).isTrue();
  }

  @Test
  void jsonFieldsTheDocumentsDoNotDefineMayBeArraysOrObjects() {
    var event =
        parser.parseJson(
            WebhookPath.HANGUP, "{\"callid\":\"j1\",\"tags\":[1,2],\"meta\":{\"a\":1}}");
    assertThat(event.event().extra())
        .containsEntry("tags", "[1,2]")
        .containsEntry("meta", "{\"a\":1}");
  }

  @Test
  void aJsonKeyGivenTwiceIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> parser.parseJson(WebhookPath.HANGUP, "{\"callid\":\"j3\",\"callid\":\"j4\"}"))
        .isInstanceOf(dev.switchboard.protocol.ProtocolException.class)
        .hasMessageStartingWith("body is not JSON: Duplicate field 'callid'");
  }
}
