package dev.switchboard.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallDirection;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.Outcome;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.CallEvent;
import dev.switchboard.protocol.webhook.CallId;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import dev.switchboard.protocol.webhook.Hangup;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A row of the PBX's call-record report, turned into the {@code calldata} event it stands for and
 * folded into a call: the call keeps what only the report says (queue, DID, holdtime), and an
 * outbound call the caller gave up on (CANCEL) folds to a call that never connected.
 */
class CdrSyncDecodeTest {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Instant SYNCED = Instant.parse("2024-03-01T07:00:00Z");
  private static final Instant LIVE = Instant.parse("2024-03-01T06:15:40Z");

  /** Three rows as a real report writes them (field report, issue 8). */
  private static final String REPORT =
      """
      {"result":[
        {"direction":"Inbound","queue_name":"999","calldate":"2024-03-01 13:15:40",
         "callerid":"0938363739","destination":"101","status":"ANSWER","billsec":"37",
         "duration":"42","holdtime":5,"callid":"in-1","did_number":"19002028","fee":0,
         "recordingpath":"https://pbx.example/play_audio/data/in-1"},
        {"direction":"Inbound","queue_name":"998","calldate":"2024-03-01 13:16:00",
         "callerid":"0912345678","destination":"19002029","status":"ABANDON","billsec":"0",
         "duration":"18","holdtime":18,"callid":"in-2","did_number":"19002029","fee":0,
         "recordingpath":""},
        {"direction":"Outbound","queue_name":"","calldate":"2024-03-01 13:20:02",
         "callerid":"105","destination":"0909090909","status":"CANCEL","billsec":"0",
         "duration":"12","holdtime":0,"callid":"out-1","did_number":"","fee":0,
         "recordingpath":""}
      ],"total":3}
      """;

  private static CdrEntry row(String callId) {
    return CdrReply.parse(REPORT).result().stream()
        .filter(entry -> entry.callId().equals(callId))
        .findFirst()
        .orElseThrow();
  }

  private static LoggedEvent synced(CdrEntry entry) {
    WebhookEvent event = CdrSync.decode(new WebhookParser(VIETNAM), entry).orElseThrow().event();
    return logged(SYNCED, Source.CDR_SYNC, event);
  }

  private static LoggedEvent logged(Instant at, Source source, WebhookEvent event) {
    return new LoggedEvent(
        0,
        "t",
        at,
        source,
        event.type().wireName(),
        Optional.of(((CallEvent) event).callId().value()),
        Optional.of(event));
  }

  private static Call fold(String callId, List<LoggedEvent> events) {
    return CallFold.fold("t", callId, events);
  }

  @Test
  void aCallKnownOnlyFromTheReportKeepsItsQueueDidAndHoldtime() {
    Call call = fold("in-1", List.of(synced(row("in-1"))));

    assertThat(call.outcome()).contains(Outcome.ANSWERED);
    assertThat(call.queue()).contains("999");
    assertThat(call.did()).contains("19002028");
    assertThat(call.holdtime()).contains(Duration.ofSeconds(5));
    assertThat(call.answeredBy()).contains("101");
    assertThat(call.billsec()).contains(Duration.ofSeconds(37));
  }

  @Test
  void anAbandonedCallFromTheReportKeepsItsQueueDidAndWaitButRangNobody() {
    Call call = fold("in-2", List.of(synced(row("in-2"))));

    assertThat(call.outcome()).contains(Outcome.MISSED);
    assertThat(call.queue()).contains("998");
    assertThat(call.did()).contains("19002029");
    assertThat(call.holdtime()).contains(Duration.ofSeconds(18));
    assertThat(call.attempts()).isEmpty();
    assertThat(call.answeredBy()).isEmpty();
  }

  @Test
  void theReportsHoldtimeIsKeptBesideTheWebhooksFinalRecord() {
    List<LoggedEvent> events = new ArrayList<>();
    events.add(
        logged(
            LIVE,
            Source.WEBHOOK,
            new IncomingCall(
                CallId.of("in-1"),
                PhoneNumber.parse("0938363739"),
                Optional.of("101"),
                Optional.of("999"),
                Optional.of(CallProgress.ANSWER),
                Optional.of("19002028"),
                Map.of())));
    events.add(logged(LIVE.plusSeconds(42), Source.WEBHOOK, Hangup.of(CallId.of("in-1"))));
    events.add(
        logged(
            LIVE.plusSeconds(42),
            Source.WEBHOOK,
            new CallRecord(
                CallId.of("in-1"),
                Optional.of(LIVE),
                Optional.of(Duration.ofSeconds(42)),
                Optional.of(Duration.ofSeconds(37)),
                Optional.of(CallStatus.ANSWER),
                Optional.of("19002028"),
                Optional.of("101"),
                Optional.of(PhoneNumber.parse("0938363739")),
                Optional.of(Direction.INBOUND),
                Optional.empty(),
                Map.of())));
    Call live = fold("in-1", events);
    events.add(synced(row("in-1")));
    Call merged = fold("in-1", events);

    assertThat(live.holdtime()).isEmpty();
    assertThat(merged.holdtime()).contains(Duration.ofSeconds(5));
    assertThat(merged.queue()).contains("999");
    assertThat(merged.billsec()).isEqualTo(live.billsec());
  }

  @Test
  void anOutboundCallTheCallerGaveUpOnIsANotConnectedCall() {
    Call call = fold("out-1", List.of(synced(row("out-1"))));

    assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(call.outcome()).contains(Outcome.NO_ANSWER);
    assertThat(call.answeredBy()).contains("105");
    assertThat(call.answeredAt()).isEmpty();
    assertThat(call.billsec()).contains(Duration.ZERO);
    assertThat(call.queue()).isEmpty();
    assertThat(call.did()).isEmpty();
    assertThat(call.attempts()).isEmpty();
  }
}
