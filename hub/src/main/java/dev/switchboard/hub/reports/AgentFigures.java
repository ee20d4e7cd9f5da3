package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One agent's call figures over a set of calls: calls answered, talk time, rings not answered.
 * Status times (talk, available, paused; occupancy) come from {@link StatusTimes}. Not thread-safe.
 */
public final class AgentFigures {
  int answered;
  int talked;
  long talkSeconds;
  int missedRings;

  /** Counts a call answered by this agent. */
  void answered(CallFacts call) {
    answered++;
    call.talkSeconds()
        .ifPresent(
            talk -> {
              talked++;
              talkSeconds += talk;
            });
  }

  /** Counts a call that rang this agent without an answer. */
  void missedRing() {
    missedRings++;
  }

  /** Adds another set's counts. */
  public void add(AgentFigures other) {
    answered += other.answered;
    talked += other.talked;
    talkSeconds += other.talkSeconds;
    missedRings += other.missedRings;
  }

  /** Calls answered. */
  public int answered() {
    return answered;
  }

  /** Rings not answered. */
  public int missedRings() {
    return missedRings;
  }

  /** Writes the figures into {@code out}. */
  public void writeTo(ObjectNode out) {
    out.put("answered", answered);
    out.put("missed", missedRings);
    out.put("talk_seconds", talkSeconds);
    QueueFigures.ratio(out, "aht_seconds", talkSeconds, talked);
  }
}
