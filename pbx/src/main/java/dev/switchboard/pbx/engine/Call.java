package dev.switchboard.pbx.engine;

import dev.switchboard.protocol.api.SpyMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** A call in progress in the engine, with the steps scheduled for it. Not thread-safe. */
final class Call {
  final String id;
  final boolean outbound;
  final String phone;
  final Instant start;
  private final Clock clock;
  private final Scheduler scheduler;
  Optional<String> did = Optional.empty();
  Queue queue;
  Agent target;
  Optional<Script> script = Optional.empty();
  Duration talk;
  Agent agent;
  Instant answered;
  Agent lastRung;
  final Set<Agent> ringing = new LinkedHashSet<>();
  final Set<Agent> missed = new LinkedHashSet<>();
  final List<Scheduler.Task> pending = new ArrayList<>();
  final List<Call> spies = new ArrayList<>();
  Optional<SpyMode> spyMode = Optional.empty();

  Call(
      boolean outbound,
      String phone,
      Clock clock,
      Scheduler scheduler,
      Random random,
      long idSalt) {
    // The salt makes ids differ between runs of the same seed (a CRM keeps the old calls).
    this.id = new UUID(random.nextLong() ^ idSalt, random.nextLong()).toString();
    this.outbound = outbound;
    this.phone = phone;
    this.clock = clock;
    this.scheduler = scheduler;
    this.start = clock.instant();
  }

  Instant clockNow() {
    return clock.instant();
  }

  /** How long each agent rings: the queue's ring timeout, or a direct call's. */
  Duration ringTimeout() {
    return queue == null ? CallCenter.DIRECT_RING : queue.setup.ringTimeout();
  }

  /**
   * Schedules a step of this call {@code delay} from now; cancelled with the call's other steps.
   */
  void later(Duration delay, Runnable step) {
    pending.add(scheduler.at(clock.instant().plus(delay), step));
  }

  void cancelPending() {
    pending.forEach(Scheduler.Task::cancel);
    pending.clear();
  }
}
