package dev.switchboard.hub.reports;

import dev.switchboard.hub.calls.ReportBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * Replaces the rollups of one bucket by {@code tally}; the day totals holding the bucket are out
   * of date from now on, and the bucket is remembered for {@link #sumDay}.
   */
  static void replace(
      Handle handle, String tenantId, long bucket, Tally tally, KpiSettings settings) {
    handle
        .createUpdate("delete from report_rollups where tenant_id = :tenant and bucket = :bucket")
        .bind("tenant", tenantId)
        .bind("bucket", bucket)
        .execute();
    dropDays(handle, tenantId, bucket, bucket + 1);
    handle
        .createUpdate(
            "insert into report_day_todo (tenant_id, bucket) values (:tenant, :bucket) on conflict"
                + " do nothing")
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

  /** Longer than any local day (25 hours at a daylight-saving change), in milliseconds. */
  static final long LONGEST_DAY = 26 * 3_600_000L;

  /** A local day of a tenant, {@code [start, end)} in epoch milliseconds, in {@code zone}. */
  record Day(String tenantId, long start, long end, String zone) {
    boolean holds(long bucket) {
      return bucket >= start && bucket < end;
    }
  }

  /** Buckets whose days are to be summed again, oldest first. */
  static List<Day> daysToSum(
      Handle handle, int limit, java.util.function.Function<String, java.time.ZoneId> zoneOf) {
    // Each tenant's zone is read once, each day kept once, in the order of its first bucket.
    Map<String, java.time.ZoneId> zones = new HashMap<>();
    Set<Day> days = new LinkedHashSet<>();
    handle
        .createQuery("select tenant_id, bucket from report_day_todo order by bucket limit :limit")
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                dayOf(
                    rs.getString(1), rs.getLong(2), zones.computeIfAbsent(rs.getString(1), zoneOf)))
        .forEach(days::add);
    return List.copyOf(days);
  }

  /** The local day of {@code zone} that holds {@code bucket}. */
  static Day dayOf(String tenantId, long bucket, java.time.ZoneId zone) {
    java.time.LocalDate date = java.time.Instant.ofEpochMilli(bucket).atZone(zone).toLocalDate();
    return new Day(
        tenantId,
        date.atStartOfDay(zone).toInstant().toEpochMilli(),
        date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
        zone.getId());
  }

  /**
   * Sums the agents' rows of {@code day} into its day totals, unless one of its buckets is dirty
   * (it will be counted again, and the day after it); returns whether it did.
   */
  static boolean sumDay(Handle handle, Day day) {
    boolean dirty =
        onDay(
                    handle.createQuery(
                        "select count(*) from report_dirty where tenant_id = :tenant and bucket >="
                            + " :start and bucket < :end"),
                    day)
                .mapTo(Long.class)
                .one()
            > 0;
    if (dirty) {
      return false;
    }
    // Days of another zone that overlap this one go too.
    dropDays(handle, day.tenantId(), day.start(), day.end());
    onDay(
            handle.createUpdate(
                "insert into report_agent_days (tenant_id, day_start, day_end, zone, queue, agent,"
                    + " answered, talked, talk_s, missed_rings) select tenant_id, :start, :end,"
                    + " :zone, queue, agent, sum(answered), sum(talked), sum(talk_s),"
                    + " sum(missed_rings) from report_rollups where tenant_id = :tenant and bucket"
                    + " >= :start and bucket < :end and agent <> '' group by tenant_id, queue,"
                    + " agent"),
            day)
        .bind("zone", day.zone())
        .execute();
    onDay(
            handle.createUpdate(
                "insert into report_days (tenant_id, day_start, day_end, zone) values (:tenant,"
                    + " :start, :end, :zone)"),
            day)
        .bind("zone", day.zone())
        .execute();
    onDay(
            handle.createUpdate(
                "delete from report_day_todo where tenant_id = :tenant and bucket >= :start and"
                    + " bucket < :end"),
            day)
        .execute();
    return true;
  }

  /** Drops the day totals (and their entries) of the tenant's days that overlap [start, end). */
  private static void dropDays(Handle handle, String tenantId, long start, long end) {
    for (String table : List.of("report_days", "report_agent_days")) {
      // A day is at most 25 hours: the bound keeps the index range short.
      handle
          .createUpdate(
              "delete from "
                  + table
                  + " where tenant_id = :tenant and day_start > :earliest and day_start < :end"
                  + " and day_end > :start")
          .bind("tenant", tenantId)
          .bind("earliest", start - LONGEST_DAY)
          .bind("start", start)
          .bind("end", end)
          .execute();
    }
  }

  /** Binds {@code :tenant}, {@code :start} and {@code :end} to {@code day}'s. */
  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T onDay(
      T statement, Day day) {
    return statement
        .bind("tenant", day.tenantId())
        .bind("start", day.start())
        .bind("end", day.end());
  }

  /** Every day of a tenant is to be summed again (its time zone changed). */
  static void sumEveryDayAgain(Handle handle, String tenantId) {
    handle
        .createUpdate(
            "insert into report_day_todo (tenant_id, bucket) select distinct tenant_id, bucket from"
                + " report_rollups where tenant_id = :tenant and agent = '' on conflict do nothing")
        .bind("tenant", tenantId)
        .execute();
  }

  /**
   * The days in {@code [from, to)} whose agent totals are current in {@code zone} and hold no
   * bucket of {@code skip}.
   */
  static List<Day> summedDays(
      Handle handle, String tenantId, long from, long to, String zone, Set<Long> skip) {
    List<Day> days =
        handle
            .createQuery(
                "select day_start, day_end from report_days where tenant_id = :tenant and"
                    + " day_start >= :from and day_end <= :to and zone = :zone order by day_start")
            .bind("tenant", tenantId)
            .bind("from", from)
            .bind("to", to)
            .bind("zone", zone)
            .map((rs, ctx) -> new Day(tenantId, rs.getLong(1), rs.getLong(2), zone))
            .list();
    if (skip.isEmpty()) {
      return days;
    }
    return days.stream().filter(day -> skip.stream().noneMatch(day::holds)).toList();
  }

  /**
   * Adds the rollups of a tenant's buckets in {@code [from, to)} (of {@code queues}, every queue
   * when null) to {@code sink}, except those in {@code skip}: the queue rows one per bucket and
   * queue (days and hours need them), the agent rows summed by the database, one per agent (a month
   * holds hundreds of thousands of them), or from the day totals for the whole days summed; returns
   * how many days came from their day totals.
   */
  static int addRollups(
      Handle handle,
      String tenantId,
      long from,
      long to,
      String zone,
      Set<String> queues,
      Set<Long> skip,
      Tally.Sink sink) {
    List<String> queueList = queues == null ? List.of() : new ArrayList<>(queues);
    if (queues != null && queueList.isEmpty()) {
      return 0;
    }
    // Buckets counted live are left out in the query when they are few (the usual case: the latest
    // minutes), else row by row here (after a KPI change marked a long range dirty).
    boolean fewSkipped = skip.size() <= MAX_SKIP_BOUND;
    List<Long> skipList = fewSkipped ? new ArrayList<>(skip) : List.of();
    StringBuilder where =
        new StringBuilder(" where tenant_id = :tenant and bucket >= :from and bucket < :to");
    if (queues != null) {
      where.append(" and queue in (");
      for (int i = 0; i < queueList.size(); i++) {
        where.append(i == 0 ? ":q" : ", :q").append(i);
      }
      where.append(")");
    }
    if (!skipList.isEmpty()) {
      where.append(" and bucket not in (");
      for (int i = 0; i < skipList.size(); i++) {
        where.append(i == 0 ? ":s" : ", :s").append(i);
      }
      where.append(")");
    }
    query(
            handle,
            "select bucket, queue, offered, answered, abandoned, short_abandons, answered_in_sl,"
                + " abandoned_after_sl, waited, wait_answered_s, max_wait_s, talked, talk_s from"
                + " report_rollups"
                + where
                + " and agent = ''",
            tenantId,
            from,
            to,
            queueList,
            skipList)
        .map(
            (rs, ctx) -> {
              if (!fewSkipped && skip.contains(rs.getLong(1))) {
                return null;
              }
              QueueFigures q = new QueueFigures();
              q.offered = rs.getInt(3);
              q.answered = rs.getInt(4);
              q.abandoned = rs.getInt(5);
              q.shortAbandons = rs.getInt(6);
              q.answeredInServiceLevel = rs.getInt(7);
              q.abandonedAfterServiceLevel = rs.getInt(8);
              q.waited = rs.getInt(9);
              q.waitSecondsOfAnswered = rs.getLong(10);
              q.maxWaitSeconds = rs.getLong(11);
              q.talked = rs.getInt(12);
              q.talkSeconds = rs.getLong(13);
              sink.queue(new Slice(rs.getLong(1), rs.getString(2), Slice.QUEUE_ROW), q);
              return null;
            })
        .forEach(ignored -> {});
    // The agents: whole days from their day totals, the rest (today, days with a bucket counted
    // live, days not summed yet) from the buckets.
    List<Day> days = summedDays(handle, tenantId, from, to, zone, skip);
    if (!days.isEmpty()) {
      StringBuilder dayWhere =
          new StringBuilder(
              " where tenant_id = :tenant and day_start >= :from and day_end <= :to and zone ="
                  + " :zone and day_start in (");
      for (int i = 0; i < days.size(); i++) {
        dayWhere.append(i == 0 ? ":d" : ", :d").append(i);
      }
      dayWhere.append(")");
      if (queues != null) {
        dayWhere.append(" and queue in (");
        for (int i = 0; i < queueList.size(); i++) {
          dayWhere.append(i == 0 ? ":q" : ", :q").append(i);
        }
        dayWhere.append(")");
      }
      Query byDay =
          query(
                  handle,
                  "select agent, sum(answered), sum(talked), sum(talk_s), sum(missed_rings) from"
                      + " report_agent_days"
                      + dayWhere
                      + " group by agent",
                  tenantId,
                  from,
                  to,
                  queueList,
                  List.of())
              .bind("zone", zone);
      for (int i = 0; i < days.size(); i++) {
        byDay.bind("d" + i, days.get(i).start());
      }
      byDay
          .map(
              (rs, ctx) -> {
                sink.agent(new Slice(from, Slice.QUEUE_ROW, rs.getString(1)), agentFigures(rs));
                return null;
              })
          .forEach(ignored -> {});
    }
    List<long[]> rest = new ArrayList<>();
    long at = from;
    for (Day day : days) {
      if (day.start() > at) {
        rest.add(new long[] {at, day.start()});
      }
      at = Math.max(at, day.end());
    }
    if (at < to) {
      rest.add(new long[] {at, to});
    }
    if (rest.isEmpty()) {
      return days.size();
    }
    StringBuilder agentWhere = new StringBuilder(where).append(" and (");
    for (int i = 0; i < rest.size(); i++) {
      agentWhere
          .append(i == 0 ? "" : " or ")
          .append("(bucket >= :rs")
          .append(i)
          .append(" and bucket < :re")
          .append(i)
          .append(")");
    }
    agentWhere.append(")");
    Query byBucket =
        query(
            handle,
            "select agent, sum(answered), sum(talked), sum(talk_s), sum(missed_rings)"
                + (fewSkipped ? ", 0" : ", bucket")
                + " from report_rollups"
                + agentWhere
                + " and agent <> '' group by agent"
                + (fewSkipped ? "" : ", bucket"),
            tenantId,
            from,
            to,
            queueList,
            skipList);
    for (int i = 0; i < rest.size(); i++) {
      byBucket.bind("rs" + i, rest.get(i)[0]).bind("re" + i, rest.get(i)[1]);
    }
    byBucket
        .map(
            (rs, ctx) -> {
              if (!fewSkipped && skip.contains(rs.getLong(6))) {
                return null;
              }
              sink.agent(new Slice(from, Slice.QUEUE_ROW, rs.getString(1)), agentFigures(rs));
              return null;
            })
        .forEach(ignored -> {});
    return days.size();
  }

  private static AgentFigures agentFigures(java.sql.ResultSet rs) throws java.sql.SQLException {
    AgentFigures a = new AgentFigures();
    a.answered = rs.getInt(2);
    a.talked = rs.getInt(3);
    a.talkSeconds = rs.getLong(4);
    a.missedRings = rs.getInt(5);
    return a;
  }

  /** The most buckets left out by bound parameters. */
  private static final int MAX_SKIP_BOUND = 1000;

  private static Query query(
      Handle handle,
      String sql,
      String tenantId,
      long from,
      long to,
      List<String> queues,
      List<Long> skip) {
    Query query =
        handle.createQuery(sql).bind("tenant", tenantId).bind("from", from).bind("to", to);
    for (int i = 0; i < queues.size(); i++) {
      query.bind("q" + i, queues.get(i));
    }
    for (int i = 0; i < skip.size(); i++) {
      query.bind("s" + i, skip.get(i));
    }
    return query.setFetchSize(10_000);
  }

  /** The bucket-aligned start of {@code epochMillis}. */
  static long bucketOf(long epochMillis) {
    return ReportBucket.startOf(epochMillis);
  }
}
