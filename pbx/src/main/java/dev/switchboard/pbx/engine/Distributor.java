package dev.switchboard.pbx.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The automatic call distributor: offers each waiting inbound call to the agent it is meant for (a
 * named or sticky agent, or the extension its number routes to) or, in its queue's turn, to the
 * free members of the lowest penalty as the queue's {@link RingStrategy} picks; rings them, and
 * carries out the pick-up or the ring-out. Not thread-safe: used under the engine's lock.
 */
final class Distributor {
  private final Map<String, Call> active;
  private final Random random;
  private final Webhooks webhooks;
  private final Hangups hangups;

  Distributor(Map<String, Call> active, Random random, Webhooks webhooks, Hangups hangups) {
    this.active = active;
    this.random = random;
    this.webhooks = webhooks;
    this.hangups = hangups;
  }

  /** Offers waiting calls to available agents. */
  void offerWaitingCalls() {
    for (Call call : new ArrayList<>(active.values())) {
      if (call.outbound || call.agent().isPresent() || call.isRingingAnyone()) {
        continue;
      }
      if (call.scripted(Script.Abandon.class).isPresent()) {
        continue; // waits in the queue until the caller gives up
      }
      Agent target = call.target();
      if (target != null) {
        if (target.available() && !call.wasMissedBy(target)) {
          ring(call, target);
        }
        continue;
      }
      Queue queue = call.queue();
      if (queue == null || queue.first().filter(call::equals).isEmpty()) {
        continue; // first come, first served within a queue
      }
      List<Agent> candidates = candidates(call, queue);
      if (candidates.isEmpty() && call.wasMissedByAnyone() && anyMemberAvailable(queue)) {
        call.startAnotherRound(); // everyone was tried: start another round
        candidates = candidates(call, queue);
      }
      if (!candidates.isEmpty()) {
        for (Agent agent : queue.strategy.pick(queue.members(), candidates)) {
          ring(call, agent);
        }
      }
    }
  }

  /** The free members not yet tried this round, of the lowest penalty among them. */
  private static List<Agent> candidates(Call call, Queue queue) {
    List<Agent> members = queue.members();
    int lowestPenalty = Integer.MAX_VALUE;
    for (int i = 0; i < members.size(); i++) {
      if (free(call, members.get(i))) {
        lowestPenalty = Math.min(lowestPenalty, queue.setup.members().get(i).penalty());
      }
    }
    List<Agent> candidates = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (free(call, members.get(i)) && queue.setup.members().get(i).penalty() == lowestPenalty) {
        candidates.add(members.get(i));
      }
    }
    return candidates;
  }

  private static boolean free(Call call, Agent agent) {
    return agent.available() && !call.wasMissedBy(agent);
  }

  private static boolean anyMemberAvailable(Queue queue) {
    return queue.members().stream().anyMatch(Agent::available);
  }

  private void ring(Call call, Agent agent) {
    agent.ring(call);
    call.ringAt(agent);
    webhooks.ringing(call, agent);
    Optional<Duration> answerAfter = answerDelay(call, agent);
    if (answerAfter.isPresent()) {
      call.later(answerAfter.get(), () -> answer(call, agent));
    } else {
      call.later(call.ringTimeout(), () -> ringOut(call, agent));
    }
  }

  /** When (if ever) this agent picks up: as scripted, else by the agent's answer probability. */
  private Optional<Duration> answerDelay(Call call, Agent agent) {
    if (call.script.isPresent()) {
      return call.scripted(Script.Answer.class)
          .filter(answer -> answer.extension().map(agent.extension()::equals).orElse(true))
          .map(Script.Answer::after);
    }
    if (random.nextDouble() >= agent.setup.answerProbability()) {
      return Optional.empty();
    }
    long maxMillis = Math.max(1500, Math.min(call.ringTimeout().toMillis() - 1000, 12_000));
    return Optional.of(Duration.ofMillis(1500 + (long) (random.nextDouble() * (maxMillis - 1500))));
  }

  private void answer(Call call, Agent agent) {
    if (call.agent().isPresent() || !call.isRinging(agent)) {
      return;
    }
    for (Agent other : call.ringingAgents()) {
      if (other != agent) {
        call.stopRingingAt(other);
        other.stopRinging();
      }
    }
    call.cancelPending();
    if (call.queue() != null) {
      call.queue().leave(call);
    }
    call.answer(agent);
    agent.startTalking(call);
    webhooks.answered(call, agent);
    Duration talk = call.scripted(Script.Answer.class).map(Script.Answer::talk).orElse(call.talk);
    call.later(talk, () -> hangups.hangUp(call));
  }

  private void ringOut(Call call, Agent agent) {
    if (!call.isRinging(agent)) {
      return;
    }
    call.missedBy(agent);
    webhooks.noAnswer(call, agent);
    agent.stopRinging();
    boolean scriptedNoAnswer = call.scripted(Script.NoAnswer.class).isPresent();
    if (scriptedNoAnswer || (call.queue() == null && !call.isRingingAnyone())) {
      hangups.unanswered(call);
    } else {
      if (call.isSticky()) {
        call.fallBackToQueue(); // the agent the CRM asked for did not answer: the queue takes over
      }
      offerWaitingCalls();
    }
  }
}
