package dev.switchboard.pbx.engine;

import java.util.List;

/** Rings every candidate at once; the first to answer takes the call. Stateless. */
final class RingAll implements RingStrategy {
  @Override
  public List<Agent> pick(List<Agent> members, List<Agent> candidates) {
    return candidates;
  }
}
