package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.AgentState;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallId;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.Direction;
import dev.switchboard.protocol.webhook.Hangup;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.MissedCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks a VoiceCloud PBX sends at each step of a call, with the content of the tenant's
 * edition: v2 adds queue, event and did to {@code call_in}, billsec, did and direction to the final
 * record, and reports agents' missed rings (NOANSWER); v1 reports an agent picking up as {@code
 * calldata status=ANSWER} and puts a calldate on missed calls. Not thread-safe: used under the
 * engine's lock.
 */
final class Webhooks {
  private final TenantSetup tenant;
  private final WebhookSink sink;
  private final boolean v2;

  Webhooks(TenantSetup tenant, WebhookSink sink) {
    this.tenant = tenant;
    this.sink = sink;
    this.v2 = tenant.edition() == Edition.V2;
  }

  void ringing(Call call, Agent agent) {
    emit(
        call,
        new IncomingCall(
            id(call),
            phone(call),
            Optional.of(agent.extension()),
            v2 ? queue(call) : Optional.empty(),
            v2 ? Optional.of(CallProgress.RINGING) : Optional.empty(),
            v2 ? call.did : Optional.empty(),
            Map.of()));
  }

  void answered(Call call, Agent agent) {
    if (v2) {
      emit(
          call,
          new IncomingCall(
              id(call),
              phone(call),
              Optional.of(agent.extension()),
              queue(call),
              Optional.of(CallProgress.ANSWER),
              call.did,
              Map.of()));
    } else {
      emit(
          call,
          new AgentAnswered(
              id(call), agent.extension(), queue(call), Optional.of(phone(call)), Map.of()));
    }
  }

  void noAnswer(Call call, Agent agent) {
    if (v2) {
      emit(
          call,
          new AgentNoAnswer(
              id(call), agent.extension(), queue(call), Optional.of(phone(call)), Map.of()));
    }
  }

  void missed(Call call, Duration holdtime) {
    emit(
        call,
        new MissedCall(
            id(call),
            v2 ? Optional.empty() : Optional.of(call.start),
            Optional.of(holdtime),
            queue(call),
            Optional.of(phone(call)),
            Map.of()));
  }

  void hangup(Call call) {
    emit(call, Hangup.of(id(call)));
  }

  void outbound(Call call, boolean answered) {
    Map<String, String> extra =
        call.spyMode.map(mode -> Map.of("spy", mode.wireName())).orElse(Map.of());
    emit(
        call,
        new OutboundCall(
            id(call),
            call.agent().orElseThrow().extension(),
            phone(call),
            Optional.of(answered ? CallProgress.ANSWER : CallProgress.RINGING),
            extra));
  }

  /** The final record, with the numbers of the call's record (the report's). */
  void finalRecord(Call call, FinishedCall done) {
    emit(
        call,
        new CallRecord(
            id(call),
            Optional.of(call.start),
            Optional.of(done.duration()),
            v2 ? Optional.of(done.billsec()) : Optional.empty(),
            Optional.of(done.callStatus()),
            v2 ? call.did : Optional.empty(),
            done.extension(),
            Optional.of(phone(call)),
            v2
                ? Optional.of(call.outbound ? Direction.OUTBOUND : Direction.INBOUND)
                : Optional.empty(),
            done.recordingUrl(),
            Map.of()));
  }

  void status(String extension, AgentState status) {
    sink.emit(
        tenant,
        "agent:" + tenant.domain() + ":" + extension,
        new AgentStatusChange(extension, status, Map.of()));
  }

  private void emit(Call call, dev.switchboard.protocol.webhook.WebhookEvent event) {
    sink.emit(tenant, call.id, event);
  }

  private static CallId id(Call call) {
    return CallId.of(call.id);
  }

  private static PhoneNumber phone(Call call) {
    return PhoneNumber.parse(call.phone);
  }

  private static Optional<String> queue(Call call) {
    return Optional.ofNullable(call.queue()).map(q -> q.setup.number());
  }
}
