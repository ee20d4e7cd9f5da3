package dev.switchboard.hub.calls;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Calls waiting to be looked up in the PBX's call-record report: the PBX said the call exists and
 * sent no data ({@code calldata?callid=X&calldate=}). The intake writer schedules a look-up in the
 * same transaction as the event; the look-up job takes those due, then reschedules or drops each.
 * Thread-safe.
 */
public final class CallLookups {
  /** How long after the PBX's notice the first look-up is due: the report needs a moment. */
  public static final java.time.Duration FIRST_DELAY = java.time.Duration.ofSeconds(10);

  private final Jdbi jdbi;

  /** Look-ups over {@code jdbi}. */
  public CallLookups(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One call to look up, when, and how many times it was tried. */
  public record Due(String tenantId, String callId, Instant dueAt, int attempts) {}

  /** Schedules a look-up of {@code callId} at {@code dueAt}, unless one is already scheduled. */
  public void schedule(Handle handle, String tenantId, String callId, Instant dueAt) {
    handle
        .createUpdate(
            "insert into call_lookups (tenant_id, callid, due_at, attempts) values (:tenant,"
                + " :callid, :due, 0) on conflict (tenant_id, callid) do nothing")
        .bind("tenant", tenantId)
        .bind("callid", callId)
        .bind("due", dueAt.toEpochMilli())
        .execute();
  }

  /** Look-ups due at {@code now}, soonest first, at most {@code limit}. */
  public List<Due> due(Instant now, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select tenant_id, callid, due_at, attempts from call_lookups where due_at <="
                        + " :now order by due_at, tenant_id, callid limit :limit")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Due(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getInt(4)))
                .list());
  }

  /** Tries {@code due} again at {@code at}, one attempt more. */
  public void retry(Due due, Instant at) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update call_lookups set due_at = :due, attempts = :attempts where tenant_id ="
                        + " :tenant and callid = :callid")
                .bind("due", at.toEpochMilli())
                .bind("attempts", due.attempts() + 1)
                .bind("tenant", due.tenantId())
                .bind("callid", due.callId())
                .execute());
  }

  /** Forgets a look-up (done, or given up). */
  public void drop(Due due) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "delete from call_lookups where tenant_id = :tenant and callid = :callid")
                .bind("tenant", due.tenantId())
                .bind("callid", due.callId())
                .execute());
  }

  /** How many look-ups are scheduled. */
  public long pending() {
    return jdbi.withHandle(
        handle -> handle.createQuery("select count(*) from call_lookups").mapTo(Long.class).one());
  }
}
