package dev.switchboard.hub.nodes;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Leases on the jobs that must run once for all the hub nodes on one database (the call-record
 * sync, the extension-status poll, the sweeper): a node runs a job only while it holds its lease,
 * renews it each time it runs it, and a lease not renewed for its length passes to the first other
 * node that asks, so a job moves on by itself when its node dies. One statement per ask, the same
 * on SQLite and PostgreSQL; no lock is held between asks. Each is a transaction of its own: on
 * SQLite the ask so waits its turn behind the intake writer of this process instead of making the
 * writer poll for SQLite's lock. Thread-safe.
 */
public final class JobLeases {
  private final Jdbi jdbi;
  private final Clock clock;
  private final String holder;

  /** Leases asked for as {@code holder} (this node's id). */
  public JobLeases(Jdbi jdbi, Clock clock, String holder) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.holder = holder;
  }

  /**
   * Takes or renews the lease on {@code job} for {@code length}; true when this node holds it now
   * (it held it, or nobody did, or its holder let it expire).
   */
  public boolean hold(String job, Duration length) {
    long now = clock.millis();
    return jdbi.inTransaction(
            handle ->
                handle
                    .createUpdate(
                        "insert into leases (name, holder, expires_at) values (:job, :holder,"
                            + " :until) on conflict (name) do update set holder = excluded.holder,"
                            + " expires_at = excluded.expires_at where leases.holder ="
                            + " excluded.holder or leases.expires_at < :now")
                    .bind("job", job)
                    .bind("holder", holder)
                    .bind("until", now + length.toMillis())
                    .bind("now", now)
                    .execute())
        == 1;
  }

  /** Gives up this node's leases (at a clean stop), so other nodes take its jobs at once. */
  public void releaseAll() {
    jdbi.useTransaction(
        handle ->
            handle
                .createUpdate("delete from leases where holder = :holder")
                .bind("holder", holder)
                .execute());
  }

  /** Who holds {@code job}'s lease now, if anybody's lease is current. */
  public java.util.Optional<String> holderOf(String job) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select holder from leases where name = :job and expires_at >= :now")
                .bind("job", job)
                .bind("now", clock.millis())
                .mapTo(String.class)
                .findOne());
  }
}
