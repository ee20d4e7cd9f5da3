package dev.switchboard.pbx.engine;

import dev.switchboard.protocol.webhook.CallStatus;
import java.util.Map;
import java.util.Optional;

/**
 * How calls end: the caller gives up in the queue, nobody answers, a party hangs up after talking,
 * the line is busy, or an outbound call ends unconnected. Each end frees the phones involved, sends
 * the webhooks a VoiceCloud PBX sends, writes the call's record and offers the waiting calls again.
 * Not thread-safe: used under the engine's lock.
 */
final class Hangups {
  private final Map<String, Call> active;
  private final Webhooks webhooks;
  private final CallLog log;
  private final Scheduler scheduler;
  private final Runnable offerWaitingCalls;

  Hangups(
      Map<String, Call> active,
      Webhooks webhooks,
      CallLog log,
      Scheduler scheduler,
      Runnable offerWaitingCalls) {
    this.active = active;
    this.webhooks = webhooks;
    this.log = log;
    this.scheduler = scheduler;
    this.offerWaitingCalls = offerWaitingCalls;
  }

  /** The caller hangs up while waiting: a missed call. */
  void abandon(Call call) {
    if (call.agent().isPresent() || !active.containsKey(call.id)) {
      return;
    }
    leaveEveryone(call);
    FinishedCall done = log.close(call, CallStatus.ABANDON, Optional.empty());
    webhooks.missed(call, done.holdtime());
    webhooks.hangup(call);
    offerWaitingCalls.run();
  }

  /**
   * Nobody answered before the queue's maximum wait, or the ring timed out with no one else to
   * ring.
   */
  void unanswered(Call call) {
    if (call.agent().isPresent() || !active.containsKey(call.id)) {
      return;
    }
    leaveEveryone(call);
    webhooks.hangup(call);
    Optional<String> extension = call.lastRung().map(Agent::extension);
    webhooks.finalRecord(call, log.close(call, CallStatus.NOANSWER, extension));
    offerWaitingCalls.run();
  }

  /** The talk is over (or a spy leg's listened call is): both sides hang up. */
  void hangUp(Call call) {
    if (!active.containsKey(call.id)) {
      return;
    }
    active.remove(call.id);
    call.cancelPending();
    Optional<Agent> agent = call.agent();
    webhooks.hangup(call);
    agent.ifPresent(Agent::hangUp);
    CallStatus status = call.isAnswered() ? CallStatus.ANSWER : CallStatus.NOANSWER;
    webhooks.finalRecord(call, log.close(call, status, agent.map(Agent::extension)));
    for (Call spy : call.spies()) {
      hangUp(spy);
    }
    agent
        .filter(a -> !a.setup.wrapUp().isZero())
        .ifPresent(a -> scheduler.at(a.wrapUpUntil(), offerWaitingCalls));
    offerWaitingCalls.run();
  }

  /** An inbound call refused at once: busy. */
  void busy(Call call) {
    webhooks.hangup(call);
    webhooks.finalRecord(call, log.close(call, CallStatus.BUSY, Optional.empty()));
  }

  /** An outbound call ends before the customer answered: busy, no answer, or cancelled. */
  void endUnconnected(Call call, CallStatus status) {
    if (!active.containsKey(call.id)) {
      return;
    }
    active.remove(call.id);
    call.cancelPending();
    Agent agent = call.agent().orElseThrow();
    webhooks.hangup(call);
    agent.endUnconnected();
    webhooks.finalRecord(call, log.close(call, status, Optional.of(agent.extension())));
    offerWaitingCalls.run();
  }

  /** Stops every step and ring of a call that ends unanswered, and takes it off the queue. */
  private void leaveEveryone(Call call) {
    call.cancelPending();
    for (Agent agent : call.ringingAgents()) {
      call.stopRingingAt(agent);
      agent.stopRinging();
    }
    if (call.queue() != null) {
      call.queue().leave(call);
    }
    active.remove(call.id);
  }
}
