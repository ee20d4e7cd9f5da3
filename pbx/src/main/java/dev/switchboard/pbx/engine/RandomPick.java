package dev.switchboard.pbx.engine;

import java.util.List;
import java.util.Random;

/**
 * Rings one candidate chosen by chance, drawn from the call center's seeded random (so a seed
 * repeats the choices). Not thread-safe: used under the engine's lock.
 */
final class RandomPick implements RingStrategy {
  private final Random random;

  RandomPick(Random random) {
    this.random = random;
  }

  @Override
  public List<Agent> pick(List<Agent> members, List<Agent> candidates) {
    return List.of(candidates.get(random.nextInt(candidates.size())));
  }
}
