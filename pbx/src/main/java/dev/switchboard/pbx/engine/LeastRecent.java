package dev.switchboard.pbx.engine;

import java.util.Comparator;
import java.util.List;

/**
 * Rings the candidate whose last call ended longest ago (ties: the lowest extension). Stateless.
 */
final class LeastRecent implements RingStrategy {
  private static final Comparator<Agent> LONGEST_IDLE =
      Comparator.comparing(Agent::lastEnded).thenComparing(Agent::extension);

  @Override
  public List<Agent> pick(List<Agent> members, List<Agent> candidates) {
    return List.of(candidates.stream().min(LONGEST_IDLE).orElseThrow());
  }
}
