package dev.switchboard.pbx.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The emulator's clock. Running: simulated time moves {@code speed} times faster than the real
 * clock it follows (1 is real time; the demo runs faster). Stepped: it moves only when {@link
 * #advance} is called, so tests and scripts control every instant. Thread-safe.
 */
public final class SimClock extends Clock {
  private final Clock real;
  private final double speed;
  private final boolean stepped;
  private Instant simulatedAtAnchor;
  private Instant realAnchor;

  private SimClock(Clock real, Instant start, double speed, boolean stepped) {
    if (speed <= 0) {
      throw new IllegalArgumentException("speed must be positive");
    }
    this.real = real;
    this.speed = speed;
    this.stepped = stepped;
    this.simulatedAtAnchor = start;
    this.realAnchor = real.instant();
  }

  /** A clock following {@code real}, {@code speed} times faster. */
  public static SimClock running(Clock real, double speed) {
    return new SimClock(real, real.instant(), speed, false);
  }

  /** A clock standing at {@code start} until advanced. */
  public static SimClock stepped(Instant start) {
    return new SimClock(Clock.systemUTC(), start, 1, true);
  }

  /** Whether this clock moves only when advanced. */
  public boolean isStepped() {
    return stepped;
  }

  /** How much faster than real time it runs. */
  public double speed() {
    return speed;
  }

  /** Moves a stepped clock forward. */
  public synchronized void advance(Duration step) {
    if (!stepped) {
      throw new IllegalStateException(
          "the clock is running, not stepped; start the emulator with --step");
    }
    if (step.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    simulatedAtAnchor = simulatedAtAnchor.plus(step);
  }

  /** Real time until simulated time reaches {@code at} (zero if past; unknown when stepped). */
  public Duration realTimeUntil(Instant at) {
    Duration simulated = Duration.between(instant(), at);
    if (simulated.isNegative()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (simulated.toNanos() / speed));
  }

  @Override
  public synchronized Instant instant() {
    if (stepped) {
      return simulatedAtAnchor;
    }
    long realNanos = Duration.between(realAnchor, real.instant()).toNanos();
    return simulatedAtAnchor.plusNanos((long) (realNanos * speed));
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
