package dev.switchboard.pbx.api;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The call-record report ({@code POST /internal/Reports/cdr/format/json}): every finished call of
 * the tenant whose start falls in the asked days of the PBX's calendar, optionally one callid, as
 * {@code {"result":[CdrEntry...]}}. As public CRM integrations read it, {@code callerid} is the
 * extension and {@code destination} the customer for Outbound calls, and the reverse for Inbound;
 * {@code calldate} is the tenant's local time, {@code yyyy-MM-dd HH:mm:ss}. Thread-safe.
 */
final class CallRecordReport {
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
    // An inbound call nobody was rung for (busy) has no extension; the engine keeps no DID, so
    // its destination is left out rather than guessed.
    return new CdrEntry(
        call.callId(),
        Optional.of(CALLDATE.format(call.start().atZone(tenant.zone()))),
        call.outbound() ? extension : customer,
        call.outbound() ? customer : extension,
        Optional.of(call.outbound() ? Direction.OUTBOUND : Direction.INBOUND),
        Optional.of(call.duration().toSeconds()),
        Optional.of(call.billsec().toSeconds()),
        Optional.of(CallStatus.of(call.status())),
        call.recordingUrl());
  }
}
