package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.QueueSetup;
import java.util.List;
import java.util.Random;

/**
 * How a queue picks whom to ring among its free members of the lowest penalty: one strategy per
 * {@link QueueSetup.Strategy}. A strategy may keep state of its own queue (round robin's turn). Not
 * thread-safe: used under the engine's lock.
 */
interface RingStrategy {

  /**
   * The agents to ring now, among {@code candidates} (never empty, in the queue's member order);
   * {@code members} are every member of the queue, in order.
   */
  List<Agent> pick(List<Agent> members, List<Agent> candidates);

  /** A fresh strategy of kind {@code kind}; {@code random} is the call center's chance. */
  static RingStrategy of(QueueSetup.Strategy kind, Random random) {
    return switch (kind) {
      case RINGALL -> new RingAll();
      case ROUNDROBIN -> new RoundRobin();
      case LEASTRECENT -> new LeastRecent();
      case RANDOM -> new RandomPick(random);
    };
  }
}
