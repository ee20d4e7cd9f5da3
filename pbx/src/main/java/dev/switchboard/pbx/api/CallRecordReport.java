package dev.switchboard.pbx.api;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The call-record report ({@code POST /internal/Reports/cdr/format/json}) in a real VoiceCloud
 * PBX's shape: every finished call of the tenant whose start falls in the asked days of the PBX's
 * calendar, optionally one callid, as {@code {"result":[...],"total":N}}, each row with every
 * member ({@link CdrEntry}). {@code callerid} is the extension and {@code destination} the customer
 * for Outbound calls, the reverse for Inbound; an inbound call no agent was rung for has its DID as
 * {@code destination}. {@code calldate} is the tenant's local time, {@code yyyy-MM-dd HH:mm:ss};
 * {@code queue_name} is the queue's number (what the webhooks call {@code queue}); {@code fee}
 * follows an illustrative tariff ({@link #FEE_PER_MINUTE} per started minute of an answered
 * outbound call). Thread-safe.
 */
final class CallRecordReport {
  /** What a started minute of an answered outbound call costs (inbound calls are free). */
  static final BigDecimal FEE_PER_MINUTE = BigDecimal.valueOf(800);

  private static final DateTimeFormatter CALLDATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Engine engine;

  CallRecordReport(Engine engine) {
    this.engine = engine;
  }

  /** The reply body for {@code query}. */
  String reply(TenantSetup tenant, CdrQuery query) {
    return new CdrReply(
            engine
                .finished(tenant.domain(), query.callId(), query.startDate(), query.endDate())
                .stream()
                .map(call -> entry(tenant, call))
                .toList())
        .toJson();
  }

  /** One call as the report gives it. */
  static CdrEntry entry(TenantSetup tenant, FinishedCall call) {
    Optional<String> extension = call.extension();
    Optional<String> customer = Optional.of(call.phone());
    return new CdrEntry(
        call.callId(),
        Optional.of(CALLDATE.format(call.start().atZone(tenant.zone()))),
        call.outbound() ? extension : customer,
        call.outbound() ? customer : extension.or(call::did),
        Optional.of(call.outbound() ? Direction.OUTBOUND : Direction.INBOUND),
        Optional.of(call.duration().toSeconds()),
        Optional.of(call.billsec().toSeconds()),
        Optional.of(call.callStatus()),
        call.recordingUrl(),
        call.queue(),
        Optional.of(call.holdtime().toSeconds()),
        call.did(),
        Optional.of(fee(call)));
  }

  private static BigDecimal fee(FinishedCall call) {
    if (!call.outbound() || !call.callStatus().equals(CallStatus.ANSWER)) {
      return BigDecimal.ZERO;
    }
    long startedMinutes = (call.billsec().toSeconds() + 59) / 60;
    return FEE_PER_MINUTE.multiply(BigDecimal.valueOf(startedMinutes));
  }
}
