package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two shapes a real PBX sends that the documents do not describe (PROTOCOL-NOTES, "Seen from a
 * real VoiceCloud PBX"): the ring notification and the pending call data.
 */
class RealPbxShapesTest {
  private final WebhookParser parser = new WebhookParser();

  @Test
  void callInWithNoCallidAndNoExtensionIsARingNotification() {
    var decoded = parser.parseUrl("/api/callcenter/call_in?phone=0938363739&queue=");
    assertThat(decoded.event()).isInstanceOf(RingNotification.class);
    RingNotification ring = (RingNotification) decoded.event();
    assertThat(ring.phone().e164()).contains("+84938363739");
    assertThat(ring.queue()).isEmpty();
    assertThat(ring.extra()).isEmpty();
    assertThat(ring.type().wireName()).isEqualTo("ring_notification");
  }

  @Test
  void aRingNotificationKeepsItsQueueAndUndocumentedFields() {
    var ring =
        (RingNotification)
            parser
                .parseUrl(
                    "/api/callcenter/call_in?phone=0938363739&queue=999&callid=&extension=&src=x")
                .event();
    assertThat(ring.queue()).contains("999");
    assertThat(ring.extra()).containsExactly(Map.entry("src", "x"));
  }

  @Test
  void aRingNotificationIsWrittenAsTheRealPbxSendsItInBothEditions() {
    RingNotification ring = RingNotification.of(PhoneNumber.parse("0938363739"), Optional.empty());
    for (Edition edition : Edition.values()) {
      WebhookRequest request =
          new WebhookFormatter(edition, WebhookParser.DEFAULT_ZONE).format(ring);
      assertThat(request.pathAndQuery())
          .isEqualTo("/api/callcenter/call_in?phone=0938363739&queue=");
      assertThat(parser.parseQuery(request.path(), request.fields().toQuery()).event())
          .isEqualTo(ring);
    }
    RingNotification queued =
        RingNotification.of(PhoneNumber.parse("0938363739"), Optional.of("999"));
    var request = new WebhookFormatter(Edition.V2, WebhookParser.DEFAULT_ZONE).format(queued);
    assertThat(request.pathAndQuery())
        .isEqualTo("/api/callcenter/call_in?phone=0938363739&queue=999");
  }

  @Test
  void callInNamingAnExtensionIsStillAnIncomingCall() {
    assertThat(
            parser
                .parseUrl("/api/callcenter/call_in?phone=0938363739&extension=101&callid=a1")
                .event())
        .isInstanceOf(IncomingCall.class);
  }

  @Test
  void calldataWithOneEmptyFieldIsAPendingCall() {
    for (String empty : new String[] {"calldate=", "status=", "holdtime=", "calldate=&status="}) {
      var decoded = parser.parseUrl("/api/callcenter/calldata?callid=X1&" + empty);
      assertThat(decoded.event()).as(empty).isInstanceOf(CallDataPending.class);
      assertThat(((CallDataPending) decoded.event()).callId()).isEqualTo(CallId.of("X1"));
      assertThat(decoded.event().extra()).as(empty).isEmpty();
    }
  }

  @Test
  void aPendingCallIsWrittenAsTheRealPbxSendsItInBothEditions() {
    CallDataPending pending = CallDataPending.of(CallId.of("X1"));
    for (Edition edition : Edition.values()) {
      WebhookRequest request =
          new WebhookFormatter(edition, WebhookParser.DEFAULT_ZONE).format(pending);
      assertThat(request.pathAndQuery()).isEqualTo("/api/callcenter/calldata?callid=X1&calldate=");
      assertThat(parser.parseQuery(request.path(), request.fields().toQuery()).event())
          .isEqualTo(pending);
    }
  }

  @Test
  void calldataWithAValueIsNeverPending() {
    assertThat(parser.parseUrl("/api/callcenter/calldata?callid=X1&duration=0").event())
        .isInstanceOf(CallRecord.class);
  }

  @Test
  void bareJsonBodiesOfBothShapesAreRecognised() {
    var ring = parser.parseJson("{\"phone\":\"0938363739\",\"queue\":\"\"}");
    assertThat(ring.path()).isEqualTo(WebhookPath.CALL_IN);
    assertThat(ring.event()).isInstanceOf(RingNotification.class);
    var pending = parser.parseJson("{\"callid\":\"X1\",\"calldate\":\"\"}");
    assertThat(pending.path()).isEqualTo(WebhookPath.CALLDATA);
    assertThat(pending.event()).isInstanceOf(CallDataPending.class);
    assertThat(parser.parseJson("{\"callid\":\"X1\"}").event()).isInstanceOf(Hangup.class);
  }

  @Test
  void theJsonViewShowsWhatIsKnownAndNoEmptyFields() {
    assertThat(
            WebhookJson.normalised(
                    parser.parseUrl("/api/callcenter/call_in?phone=0938363739&queue=").event())
                .toString())
        .isEqualTo("{\"type\":\"ring_notification\",\"phone\":\"+84938363739\"}");
    assertThat(
            WebhookJson.normalised(
                    parser.parseUrl("/api/callcenter/calldata?callid=X1&calldate=").event())
                .toString())
        .isEqualTo("{\"type\":\"call_data_pending\",\"callid\":\"X1\"}");
  }
}
