package dev.switchboard.hub.sessions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Failed log-ins counted per user name and per client address: after {@value #USER_LIMIT} failures
 * in a row for one name (or {@value #ADDRESS_LIMIT} from one address), each within {@link #WINDOW}
 * of the last, log-ins are refused without checking the password, for 30 seconds, doubling with
 * every further failure up to 15 minutes. A success resets the name's count. Kept in the database
 * ({@code login_failures}), so every hub node on it counts the same failures and a restart keeps
 * them; each failure is one atomic upsert, so failures counted on several nodes at once all count.
 * Thread-safe.
 */
public final class LoginThrottle {
  static final int USER_LIMIT = 5;
  static final int ADDRESS_LIMIT = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

  /** Failures counted between two clean-ups of counts that no longer matter. */
  private static final int PRUNE_EVERY = 256;

  private final Jdbi jdbi;
  private final Clock clock;
  private final AtomicInteger sincePrune = new AtomicInteger();

  /** A throttle kept through {@code jdbi}, on {@code clock}. */
  public LoginThrottle(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** How long log-ins for {@code username} from {@code address} stay refused; empty if not. */
  public Optional<Duration> lockedFor(String username, String address) {
    long now = clock.millis();
    long until =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select max(locked_until) from login_failures where (kind = 'user' and"
                            + " key = :user) or (kind = 'address' and key = :address)")
                    .bind("user", username)
                    .bind("address", address)
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L));
    return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
  }

  /** Counts a failed log-in. */
  public void failed(String username, String address) {
    long now = clock.millis();
    jdbi.useTransaction(
        h -> {
          count(h, "user", username, now, USER_LIMIT);
          count(h, "address", address, now, ADDRESS_LIMIT);
        });
    if (sincePrune.incrementAndGet() % PRUNE_EVERY == 0) {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "delete from login_failures where locked_until < :now and last_at < :stale")
                  .bind("now", now)
                  .bind("stale", now - WINDOW.toMillis())
                  .execute());
    }
  }

  /** A successful log-in: the name's failures are forgotten. */
  public void succeeded(String username) {
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from login_failures where kind = 'user' and key = :user")
                .bind("user", username)
                .execute());
  }

  /**
   * One more failure for {@code key}: a count whose lock has run out and whose last failure is
   * older than the window starts again at one. Past {@code limit}, the lock doubles with each
   * failure.
   */
  private static void count(Handle h, String kind, String key, long now, int limit) {
    int failures =
        h.createQuery(
                "insert into login_failures (kind, key, failures, last_at, locked_until) values"
                    + " (:kind, :key, 1, :now, 0) on conflict (kind, key) do update set failures ="
                    + " case when login_failures.locked_until < :now and login_failures.last_at <"
                    + " :stale then 1 else login_failures.failures + 1 end, last_at = :now"
                    + " returning failures")
            .bind("kind", kind)
            .bind("key", key)
            .bind("now", now)
            .bind("stale", now - WINDOW.toMillis())
            .mapTo(Integer.class)
            .one();
    if (failures >= limit) {
      int doublings = Math.min(failures - limit, 10);
      Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
      long until = now + (lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock).toMillis();
      h.createUpdate(
              "update login_failures set locked_until = :until where kind = :kind and key = :key"
                  + " and locked_until < :until")
          .bind("until", until)
          .bind("kind", kind)
          .bind("key", key)
          .execute();
    }
  }
}
