package dev.switchboard.app.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that reads another clock, which may be replaced once: the demo's hub starts on the real
 * clock and then follows the emulator's simulated clock, so that at {@code --speed} above 1 the
 * hub's times (received, answered, ended) and the PBX's calldates are on one time line. Never goes
 * back: a reading earlier than the last one returns the last one. Thread-safe.
 */
public final class FollowingClock extends Clock {
  private volatile Clock source;
  private Instant last = Instant.MIN; // guarded by this

  /** A clock reading {@code source} until told to follow another. */
  public FollowingClock(Clock source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** Reads {@code next} from now on. */
  public void follow(Clock next) {
    this.source = Objects.requireNonNull(next, "next");
  }

  @Override
  public synchronized Instant instant() {
    Instant now = source.instant();
    if (now.isBefore(last)) {
      return last;
    }
    last = now;
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    FollowingClock self = this;
    return zone.equals(getZone())
        ? this
        : new Clock() {
          @Override
          public Instant instant() {
            return self.instant();
          }

          @Override
          public ZoneId getZone() {
            return zone;
          }

          @Override
          public Clock withZone(ZoneId other) {
            return self.withZone(other);
          }
        };
  }
}
