package dev.switchboard.hub.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed log-ins counted per user name and per client address: after {@value #USER_LIMIT} failures
 * in a row for one name (or {@value #ADDRESS_LIMIT} from one address), each within {@link #WINDOW}
 * of the last, log-ins are refused without checking the password, for 30 seconds, doubling with
 * every further failure up to 15 minutes. A success resets the name's count. Kept in memory: a
 * restart forgets it (a lock-out is a brake on guessing, not a record). Thread-safe.
 */
public final class LoginThrottle {
  static final int USER_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  private static final int MAX_TRACKED = 100_000;

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  private final Clock clock;
  private final Map<String, Failures> byUser = new HashMap<>();
  private final Map<String, Failures> byAddress = new HashMap<>();

  /** A throttle on {@code clock}. */
  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long log-ins for {@code username} from {@code address} stay refused; empty if not. */
  public synchronized Optional<Duration> lockedFor(String username, String address) {
    Instant now = clock.instant();
    Duration user = remaining(byUser.get(username), now);
    Duration from = remaining(byAddress.get(address), now);
    Duration longer = user.compareTo(from) >= 0 ? user : from;
    return longer.isZero() ? Optional.empty() : Optional.of(longer);
  }

  /** Counts a failed log-in. */
  public synchronized void failed(String username, String address) {
    Instant now = clock.instant();
    if (byUser.size() + byAddress.size() > MAX_TRACKED) {
      byUser.values().removeIf(f -> isStale(f, now));
      byAddress.values().removeIf(f -> isStale(f, now));
    }
    byUser.put(username, next(byUser.get(username), now, USER_LIMIT));
    byAddress.put(address, next(byAddress.get(address), now, ADDRESS_LIMIT));
  }

  /** A successful log-in: the name's failures are forgotten. */
  public synchronized void succeeded(String username) {
    byUser.remove(username);
  }

  private static Failures next(Failures before, Instant now, int limit) {
    int count = before == null || isStale(before, now) ? 1 : before.count() + 1;
    Instant lockedUntil = now;
    if (count >= limit) {
      int doublings = Math.min(count - limit, 10);
      Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
      lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }
    return new Failures(count, now, lockedUntil);
  }

  private static boolean isStale(Failures failures, Instant now) {
    return failures.lockedUntil().isBefore(now) && failures.last().plus(WINDOW).isBefore(now);
  }

  private static Duration remaining(Failures failures, Instant now) {
    if (failures == null || !failures.lockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.lockedUntil());
  }
}
