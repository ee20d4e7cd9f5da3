package dev.switchboard.hub.sessions;

import dev.switchboard.hub.tenants.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Console sessions in the database, so they survive a restart and are shared by every hub node. The
 * id (32 random bytes) is handed out once, in the cookie, and stored only as its SHA-256. A session
 * ends when idle longer than {@code idle} or older than {@code max}, whichever comes first; its
 * last use is written at most once a minute. Thread-safe.
 */
public final class SessionStore {
  /** How stale {@code last_seen_at} may get before a request writes it again. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration idle;
  private final Duration max;

  /** Sessions through {@code jdbi}, expiring after {@code idle} unused or {@code max} in all. */
  public SessionStore(Jdbi jdbi, Clock clock, Duration idle, Duration max) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.idle = idle;
    this.max = max;
  }

  /** A session just opened, with its id: the cookie's value, never stored nor shown again. */
  public record Opened(String id, Session session) {}

  /** Opens a session for {@code username}; removes expired sessions on the way. */
  public Opened open(String username) {
    String id = Secrets.newToken();
    Instant now = clock.instant();
    Session session = new Session(Secrets.hash(id), username, Secrets.newToken(), now, now);
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate("delete from sessions where last_seen_at < :idle or created_at < :max")
              .bind("idle", now.minus(idle).toEpochMilli())
              .bind("max", now.minus(max).toEpochMilli())
              .execute();
          handle
              .createUpdate(
                  "insert into sessions (id_hash, username, csrf_token, created_at, last_seen_at)"
                      + " values (:hash, :username, :csrf, :now, :now)")
              .bind("hash", session.idHash())
              .bind("username", username)
              .bind("csrf", session.csrfToken())
              .bind("now", now.toEpochMilli())
              .execute();
        });
    return new Opened(id, session);
  }

  /** The live session whose id is {@code id}, its last use noted; empty if unknown or expired. */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return Optional.empty();
    }
    String hash = Secrets.hash(id);
    Optional<Session> found =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select username, csrf_token, created_at, last_seen_at from sessions"
                            + " where id_hash = :hash")
                    .bind("hash", hash)
                    .map(
                        (rs, ctx) ->
                            new Session(
                                hash,
                                rs.getString(1),
                                rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                Instant.ofEpochMilli(rs.getLong(4))))
                    .findOne());
    if (found.isEmpty()) {
      return found;
    }
    Session session = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(session.lastSeenAt().plus(idle))
        || !now.isBefore(session.createdAt().plus(max))) {
      end(id);
      return Optional.empty();
    }
    if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate("update sessions set last_seen_at = :now where id_hash = :hash")
                  .bind("now", now.toEpochMilli())
                  .bind("hash", hash)
                  .execute());
      session =
          new Session(hash, session.username(), session.csrfToken(), session.createdAt(), now);
    }
    return Optional.of(session);
  }

  /** Ends the session whose id is {@code id}, if any. */
  public void end(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("delete from sessions where id_hash = :hash")
                .bind("hash", Secrets.hash(id))
                .execute());
  }
}
