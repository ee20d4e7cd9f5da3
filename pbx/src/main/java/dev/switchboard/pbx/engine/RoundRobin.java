package dev.switchboard.pbx.engine;

import java.util.List;

/**
 * Rings members in turn: the first candidate at or after the member following the last one rung.
 * Not thread-safe: keeps its queue's turn, used under the engine's lock.
 */
final class RoundRobin implements RingStrategy {
  private int next;

  @Override
  public List<Agent> pick(List<Agent> members, List<Agent> candidates) {
    for (int i = 0; i < members.size(); i++) {
      int index = (next + i) % members.size();
      Agent agent = members.get(index);
      if (candidates.contains(agent)) {
        next = (index + 1) % members.size();
        return List.of(agent);
      }
    }
    return List.of(candidates.get(0));
  }
}
