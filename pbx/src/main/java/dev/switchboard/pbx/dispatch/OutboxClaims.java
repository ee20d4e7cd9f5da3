package dev.switchboard.pbx.dispatch;

import dev.switchboard.store.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Claims on the outbox's heads: the guard that lets one dispatcher, and only one, send a webhook.
 *
 * <p>{@link #claim} is a single statement that picks the due heads (each the pending row with the
 * lowest id of its key) that no live claim holds and marks them with the dispatcher's owner id and
 * a lease expiry. On PostgreSQL the rows are picked {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * claimers never take the same row; on SQLite an {@code UPDATE ... RETURNING} takes the database's
 * write lock before it reads, so it never has to upgrade a stale read snapshot. As a claimed row
 * stays pending, the next webhook of its key is no head and cannot be claimed by anyone until the
 * outcome is recorded: order per key holds across dispatchers.
 *
 * <p>Every outcome is written only where the row is still claimed by the owner writing it, and ends
 * the claim; a row whose lease expired and was claimed by another dispatcher is not overwritten.
 * Lease times are wall-clock epoch milliseconds. Thread-safe.
 */
final class OutboxClaims {
  /** Due heads with no live claim, earliest first; {@code :now} on the schedule's clock. */
  private static final String CLAIMABLE =
      "select o.id"
          + Outbox.HEADS
          + " and o.due_at <= :now and (o.claimed_by is null or o.claim_expires_at <= :leaseNow)"
          + " order by o.due_at, o.id limit :limit";

  private static final String POSTGRES_CLAIM =
      "with picked as materialized ("
          + CLAIMABLE
          + " for update of o skip locked) update webhook_outbox w set claimed_by = :owner,"
          + " claim_expires_at = :expires from picked where w.id = picked.id returning w.*";

  private static final String SQLITE_CLAIM =
      "update webhook_outbox set claimed_by = :owner, claim_expires_at = :expires where id in ("
          + CLAIMABLE
          + ") returning *";

  private static final String ENDS_CLAIM =
      ", claimed_by = null, claim_expires_at = null where id = :id and state = 'pending' and"
          + " claimed_by = :owner";

  private final Jdbi jdbi;
  private final String claimStatement;

  OutboxClaims(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.claimStatement = dialect == Dialect.POSTGRESQL ? POSTGRES_CLAIM : SQLITE_CLAIM;
  }

  /**
   * Claims up to {@code limit} heads due at {@code now} for {@code owner}, until {@code leaseNow +
   * lease}; returns them in id order.
   */
  List<OutboxEntry> claim(String owner, Instant now, Instant leaseNow, Duration lease, int limit) {
    return jdbi.withHandle(handle -> claim(handle, owner, now, leaseNow, lease, limit));
  }

  private List<OutboxEntry> claim(
      Handle handle, String owner, Instant now, Instant leaseNow, Duration lease, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return handle
        .createQuery(claimStatement)
        .bind("owner", owner)
        .bind("now", now.toEpochMilli())
        .bind("leaseNow", leaseNow.toEpochMilli())
        .bind("expires", leaseNow.plus(lease).toEpochMilli())
        .bind("limit", limit)
        .map((rs, ctx) -> Outbox.read(rs))
        .list()
        .stream()
        .sorted(Comparator.comparing(OutboxEntry::id))
        .toList();
  }

  /** Delivered at {@code now}; false when {@code owner} no longer holds the claim. */
  boolean delivered(long id, String owner, Instant now) {
    return deliveredThenClaim(owner, List.of(id), List.of(now), now, now, Duration.ZERO, 0)
        .held()[0];
  }

  /**
   * What {@link #deliveredThenClaim} wrote and took.
   *
   * @param held for each mark, whether the owner still held its claim (false: nothing written)
   * @param claimed the heads claimed after the marks, in id order
   */
  record Delivered(boolean[] held, List<OutboxEntry> claimed) {}

  /**
   * In one transaction: each {@code ids[i]} delivered at {@code times[i]} where {@code owner} still
   * holds its claim, then (as {@link #claim}) up to {@code limit} of the heads due at {@code now},
   * which may be the next webhooks of those just marked.
   */
  Delivered deliveredThenClaim(
      String owner,
      List<Long> ids,
      List<Instant> times,
      Instant now,
      Instant leaseNow,
      Duration lease,
      int limit) {
    return jdbi.inTransaction(
        handle -> {
          PreparedBatch batch =
              handle.prepareBatch(
                  "update webhook_outbox set state = 'delivered', delivered_at = :now,"
                      + " attempts = attempts + 1, last_error = null"
                      + ENDS_CLAIM);
          for (int i = 0; i < ids.size(); i++) {
            batch
                .bind("id", ids.get(i))
                .bind("owner", owner)
                .bind("now", times.get(i).toEpochMilli())
                .add();
          }
          int[] counts = batch.execute();
          boolean[] held = new boolean[counts.length];
          for (int i = 0; i < counts.length; i++) {
            held[i] = counts[i] == 1;
          }
          return new Delivered(held, claim(handle, owner, now, leaseNow, lease, limit));
        });
  }

  /** Given up on at {@code now}; false when {@code owner} no longer holds the claim. */
  boolean dead(long id, String owner, Instant now, int refusals, String error) {
    return jdbi.withHandle(
        handle ->
            handle
                    .createUpdate(
                        "update webhook_outbox set state = 'dead', dead_at = :now, attempts ="
                            + " attempts + 1, refusals = :refusals, last_error = :error"
                            + ENDS_CLAIM)
                    .bind("id", id)
                    .bind("owner", owner)
                    .bind("now", now.toEpochMilli())
                    .bind("refusals", refusals)
                    .bind("error", error)
                    .execute()
                == 1);
  }

  /** Failed, due again at {@code due}; false when {@code owner} no longer holds the claim. */
  boolean reschedule(long id, String owner, Instant due, int refusals, String error) {
    return jdbi.withHandle(
        handle ->
            handle
                    .createUpdate(
                        "update webhook_outbox set due_at = :due, attempts = attempts + 1,"
                            + " refusals = :refusals, last_error = :error"
                            + ENDS_CLAIM)
                    .bind("id", id)
                    .bind("owner", owner)
                    .bind("due", due.toEpochMilli())
                    .bind("refusals", refusals)
                    .bind("error", error)
                    .execute()
                == 1);
  }

  /** Ends the claim with nothing recorded (the attempt counts for nothing). */
  void release(long id, String owner) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update webhook_outbox set claimed_by = null, claim_expires_at = null where"
                        + " id = :id and claimed_by = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .execute());
  }

  /** Ends every claim {@code owner} holds; returns how many. */
  int releaseAll(String owner) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "update webhook_outbox set claimed_by = null, claim_expires_at = null where"
                        + " claimed_by = :owner")
                .bind("owner", owner)
                .execute());
  }
}
