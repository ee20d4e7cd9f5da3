package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a message that names the field and the problem. */
class BadInputTest {
  private final WebhookParser parser = new WebhookParser();

  private void refused(String url, String message) {
    assertThatThrownBy(() -> parser.parseUrl(url))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message);
  }

  @Test
  void missingCallidIsNamed() {
    refused("/api/callcenter/hangup?x=1", "field callid: is missing");
    refused(
        "/api/callcenter/call_in?phone=0938363739&extension=101&callid=",
        "field callid: is missing");
    refused("/api/callcenter/calldata?calldate=", "field callid: is missing");
    refused("/api/callcenter/call_in?queue=999", "field phone: is missing");
  }

  @Test
  void calldateThatIsNotADateIsNamed() {
    refused(
        "/api/callcenter/calldata?callid=1&calldate=2024-02-30 10:00:00&duration=5",
        "field calldate: '2024-02-30 10:00:00' is not a date (expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd-HH:mm:ss)");
    refused(
        "/api/callcenter/calldata?callid=1&calldate=yesterday",
        "field calldate: 'yesterday' is not a date (expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd-HH:mm:ss)");
  }

  @Test
  void negativeOrNonNumericDurationIsNamed() {
    refused("/api/callcenter/calldata?callid=1&duration=-5", "field duration: is negative (-5)");
    refused(
        "/api/callcenter/calldata?callid=1&duration=abc",
        "field duration: 'abc' is not a whole number of seconds");
    refused(
        "/api/callcenter/calldata?callid=1&duration=3&billsec=1.5",
        "field billsec: '1.5' is not a whole number of seconds");
    refused(
        "/api/callcenter/calldata?callid=1&status=ABANDON&holdtime=99999999999999999999",
        "field holdtime: '99999999999999999999' is not a whole number of seconds");
  }

  @Test
  void calldataOfNoKnownShapeIsRefused() {
    refused(
        "/api/callcenter/calldata?callid=1&status=BUSY",
        "calldata has no calldate or duration, so it is not a call record, and its status 'BUSY' is not ABANDON, ANSWER or NOANSWER");
  }

  @Test
  void unknownPathIsRefused() {
    assertThatThrownBy(() -> parser.parseUrl("https://crm/api/callcenter/ringing?callid=1"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("path '/api/callcenter/ringing' is not a VoiceCloud webhook");
  }

  @Test
  void valueOverTheLengthLimitIsNamed() {
    refused(
        "/api/callcenter/hangup?callid=" + "a".repeat(129),
        "field callid: is 129 characters long (at most 128)");
    refused(
        "/api/callcenter/hangup?callid=1&note=" + "a".repeat(5000),
        "field note: is 5000 characters long (at most 4096)");
  }

  @Test
  void bodyThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> parser.parseJson(WebhookPath.HANGUP, "callid=1"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("body is not JSON");
    assertThatThrownBy(() -> parser.parseJson(WebhookPath.HANGUP, "[1]"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("body is JSON but not an object (got array)");
  }

  @Test
  void sameFieldTwiceWithDifferentValuesIsRefused() {
    refused(
        "/api/callcenter/hangup?callid=1&CALLID=2",
        "field CALLID: is given twice with different values ('1' and '2')");
  }

  @Test
  void badPercentEscapeIsNamed() {
    refused(
        "/api/callcenter/hangup?callid=a%zz", "field callid: has a bad percent escape near '%zz'");
  }

  @Test
  void agentStatusWithoutStatusIsNamed() {
    refused("/api/Agent/ChangeStatus?extension=101", "field status: is missing");
  }
}
