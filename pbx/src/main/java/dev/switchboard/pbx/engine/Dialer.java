package dev.switchboard.pbx.engine;

import dev.switchboard.protocol.webhook.CallStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Outbound calls: an agent's phone calls a customer, who answers, is busy, or does not answer, or
 * the agent gives up first (CANCEL). Click-to-call rings the agent's own phone first. Without a
 * script, chance decides: {@value #ANSWERED_PERCENT}% answered, {@value #CANCELLED_PERCENT}%
 * cancelled by the caller, {@value #UNANSWERED_PERCENT}% unanswered, the rest busy. Not
 * thread-safe: used under the engine's lock.
 */
final class Dialer {
  static final int ANSWERED_PERCENT = 70;
  static final int CANCELLED_PERCENT = 12;
  static final int UNANSWERED_PERCENT = 12;

  /** How long a busy line takes to say so. */
  private static final Duration BUSY_AFTER = Duration.ofSeconds(2);

  private final Random random;
  private final Webhooks webhooks;
  private final Hangups hangups;

  Dialer(Random random, Webhooks webhooks, Hangups hangups) {
    this.random = random;
    this.webhooks = webhooks;
    this.hangups = hangups;
  }

  /** Places {@code call}: its agent's phone first when {@code agentLegFirst} (click-to-call). */
  void place(Call call, boolean agentLegFirst) {
    Agent agent = call.agent().orElseThrow();
    if (agentLegFirst) {
      // Click-to-call rings the agent's own phone first; the customer is called once it answers.
      agent.ring(call);
      call.later(Duration.ofMillis(1000 + random.nextInt(2000)), () -> callCustomer(call));
    } else {
      callCustomer(call);
    }
  }

  private void callCustomer(Call call) {
    call.agent().orElseThrow().startTalking(call);
    webhooks.outbound(call, false);
    Script script = call.script.orElseGet(() -> byChance(call));
    switch (script) {
      case Script.Answer answer ->
          call.later(
              answer.after(),
              () -> {
                call.connect();
                webhooks.outbound(call, true);
                call.later(answer.talk(), () -> hangups.hangUp(call));
              });
      case Script.Busy busy ->
          call.later(BUSY_AFTER, () -> hangups.endUnconnected(call, CallStatus.BUSY));
      case Script.Cancel cancel ->
          call.later(cancel.after(), () -> hangups.endUnconnected(call, CallStatus.CANCEL));
      case Script.NoAnswer noAnswer -> unanswered(call);
      case Script.Abandon abandon -> unanswered(call);
    }
  }

  private void unanswered(Call call) {
    call.later(Call.DIRECT_RING, () -> hangups.endUnconnected(call, CallStatus.NOANSWER));
  }

  private Script byChance(Call call) {
    int roll = (int) (random.nextDouble() * 100);
    if (roll < ANSWERED_PERCENT) {
      return new Script.Answer(
          Optional.empty(), Duration.ofSeconds(3 + random.nextInt(12)), call.talk);
    }
    if (roll < ANSWERED_PERCENT + CANCELLED_PERCENT) {
      // The caller gives up while the customer's phone rings, before it would ring out.
      return new Script.Cancel(Duration.ofSeconds(4 + random.nextInt(20)));
    }
    if (roll < ANSWERED_PERCENT + CANCELLED_PERCENT + UNANSWERED_PERCENT) {
      return new Script.NoAnswer(Optional.empty());
    }
    return new Script.Busy();
  }
}
