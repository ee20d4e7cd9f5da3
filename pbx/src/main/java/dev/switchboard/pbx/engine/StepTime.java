package dev.switchboard.pbx.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's time during one operation: the simulated clock read once when the operation starts
 * ({@link #start}), so that everything one step computes (a call's duration and billsec, a
 * holdtime, a wrap-up) derives from one instant, however long its webhooks take to be queued. A
 * running clock would otherwise move between the webhook's duration and the report's. Not
 * thread-safe: started and read under the engine's lock.
 */
final class StepTime extends Clock {
  private final SimClock clock;
  private Instant now;

  StepTime(SimClock clock) {
    this.clock = clock;
    this.now = clock.instant();
  }

  /** Reads the simulated clock for the operation that begins. */
  void start() {
    now = clock.instant();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
