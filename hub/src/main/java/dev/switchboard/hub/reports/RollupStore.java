package dev.switchboard.hub.reports;

import dev.switchboard.hub.calls.ReportBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The tables {@code report_rollups} and {@code report_dirty}, and the calls of a range of buckets.
 * Stateless; every method works inside the caller's handle.
 */
final class RollupStore {
  private RollupStore() {}

  /** A bucket out of date, and the generation of its last change. */
  record DirtyBucket(String tenantId, long bucket, long generation) {}

  static List<DirtyBucket> dirty(Handle handle, int limit) {
    return handle
        .createQuery(
            "select tenant_id, bucket, generation from report_dirty order by bucket desc limit"
                + " :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> new DirtyBucket(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  /** The dirty buckets of a tenant in {@code [from, to)}. */
  static Set<Long> dirty(Handle handle, String tenantId, long from, long to) {
    return new HashSet<>(
        handle
            .createQuery(
                "select bucket from report_dirty where tenant_id = :tenant and bucket >= :from and"
                    + " bucket < :to")
            .bind("tenant", tenantId)
            .bind("from", from)
            .bind("to", to)
            .mapTo(Long.class)
            .list());
  }

  /** Marks every bucket of a tenant that has rollups out of date (its definitions changed). */
  static void markAllDirty(Handle handle, String tenantId) {
    handle
        .createUpdate(
            "insert into report_dirty (tenant_id, bucket, generation) select distinct tenant_id,"
                + " bucket, 1 from report_rollups where tenant_id = :tenant on conflict (tenant_id,"
                + " bucket) do update set generation = report_dirty.generation + 1")
        .bind("tenant", tenantId)
        .execute();
  }

  /** Whether the bucket was cleaned (nothing changed it since {@code dirty} was read). */
  static boolean clean(Handle handle, DirtyBucket dirty) {
    return handle
            .createUpdate(
                "delete from report_dirty where tenant_id = :tenant and bucket = :bucket and"
                    + " generation = :generation")
            .bind("tenant", dirty.tenantId())
            .bind("bucket", dirty.bucket())
            .bind("generation", dirty.generation())
            .execute()
        == 1;
  }

  /** The records of a tenant's calls of a queue first seen in {@code [from, to)}. */
  static void callsOf(Handle handle, String tenantId, long from, long to, Consumer<String> record) {
    handle
        .createQuery(
            "select record from calls where tenant_id = :tenant and first_seen_at >= :from and"
                + " first_seen_at < :to and queue is not null")
        .bind("tenant", tenantId)
        .bind("from", from)
        .bind("to", to)
        .mapTo(String.class)
        .forEach(record);
  }

  /** Replaces the rollups of one bucket by {@code tally}. */
  static void replace(
      Handle handle, String tenantId, long bucket, Tally tally, KpiSettings settings) {
    handle
        .createUpdate("delete from report_rollups where tenant_id = :tenant and bucket = :bucket")
        .bind("tenant", tenantId)
        .bind("bucket", bucket)
        .execute();
    PreparedBatch batch =
        handle.prepareBatch(
            "insert into report_rollups (tenant_id, bucket, queue, agent, offered, answered,"
                + " abandoned, short_abandons, answered_in_sl, abandoned_after_sl, waited,"
                + " wait_answered_s, max_wait_s, talked, talk_s, missed_rings, sl_seconds,"
                + " short_seconds) values (:tenant, :bucket, :queue, :agent, :offered, :answered,"
                + " :abandoned, :short, :inSl, :lateAbandons, :waited, :wait, :maxWait, :talked,"
                + " :talk, :missed, :sl, :shortSeconds)");
    tally.queues.forEach(
        (slice, q) ->
            batch
                .bind("tenant", tenantId)
                .bind("bucket", bucket)
                .bind("queue", slice.queue())
                .bind("agent", slice.agent())
                .bind("offered", q.offered)
                .bind("answered", q.answered)
                .bind("abandoned", q.abandoned)
                .bind("short", q.shortAbandons)
                .bind("inSl", q.answeredInServiceLevel)
                .bind("lateAbandons", q.abandonedAfterServiceLevel)
                .bind("waited", q.waited)
                .bind("wait", q.waitSecondsOfAnswered)
                .bind("maxWait", q.maxWaitSeconds)
                .bind("talked", q.talked)
                .bind("talk", q.talkSeconds)
                .bind("missed", 0)
                .bind("sl", settings.serviceLevelSeconds())
                .bind("shortSeconds", settings.shortAbandonSeconds())
                .add());
    tally.agents.forEach(
        (slice, a) ->
            batch
                .bind("tenant", tenantId)
                .bind("bucket", bucket)
                .bind("queue", slice.queue())
                .bind("agent", slice.agent())
                .bind("offered", 0)
                .bind("answered", a.answered)
                .bind("abandoned", 0)
                .bind("short", 0)
                .bind("inSl", 0)
                .bind("lateAbandons", 0)
                .bind("waited", 0)
                .bind("wait", 0L)
                .bind("maxWait", 0L)
                .bind("talked", a.talked)
                .bind("talk", a.talkSeconds)
                .bind("missed", a.missedRings)
                .bind("sl", settings.serviceLevelSeconds())
                .bind("shortSeconds", settings.shortAbandonSeconds())
                .add());
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  /**
   * Adds the rollups of a tenant's buckets in {@code [from, to)} (of {@code queues}, every queue
   * when null) to {@code sink}, except those in {@code skip}.
   */
  static void addRollups(
      Handle handle,
      String tenantId,
      long from,
      long to,
      Set<String> queues,
      Set<Long> skip,
      Tally.Sink sink) {
    List<String> queueList = queues == null ? List.of() : new ArrayList<>(queues);
    StringBuilder sql =
        new StringBuilder(
            "select bucket, queue, agent, offered, answered, abandoned, short_abandons,"
                + " answered_in_sl, abandoned_after_sl, waited, wait_answered_s, max_wait_s,"
                + " talked, talk_s, missed_rings from report_rollups where tenant_id = :tenant and"
                + " bucket >= :from and bucket < :to");
    if (queues != null) {
      if (queueList.isEmpty()) {
        return;
      }
      sql.append(" and queue in (");
      for (int i = 0; i < queueList.size(); i++) {
        sql.append(i == 0 ? ":q" : ", :q").append(i);
      }
      sql.append(")");
    }
    Query query =
        handle
            .createQuery(sql.toString())
            .bind("tenant", tenantId)
            .bind("from", from)
            .bind("to", to);
    for (int i = 0; i < queueList.size(); i++) {
      query.bind("q" + i, queueList.get(i));
    }
    query
        .setFetchSize(10_000)
        .map(
            (rs, ctx) -> {
              long bucket = rs.getLong(1);
              if (skip.contains(bucket)) {
                return null;
              }
              Slice slice = new Slice(bucket, rs.getString(2), rs.getString(3));
              if (slice.agent().isEmpty()) {
                QueueFigures q = new QueueFigures();
                q.offered = rs.getInt(4);
                q.answered = rs.getInt(5);
                q.abandoned = rs.getInt(6);
                q.shortAbandons = rs.getInt(7);
                q.answeredInServiceLevel = rs.getInt(8);
                q.abandonedAfterServiceLevel = rs.getInt(9);
                q.waited = rs.getInt(10);
                q.waitSecondsOfAnswered = rs.getLong(11);
                q.maxWaitSeconds = rs.getLong(12);
                q.talked = rs.getInt(13);
                q.talkSeconds = rs.getLong(14);
                sink.queue(slice, q);
              } else {
                AgentFigures a = new AgentFigures();
                a.answered = rs.getInt(5);
                a.talked = rs.getInt(13);
                a.talkSeconds = rs.getLong(14);
                a.missedRings = rs.getInt(15);
                sink.agent(slice, a);
              }
              return null;
            })
        .forEach(ignored -> {});
  }

  /** The bucket-aligned start of {@code epochMillis}. */
  static long bucketOf(long epochMillis) {
    return ReportBucket.startOf(epochMillis);
  }
}
