package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.calls.ReportBucket;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.store.ReadSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Works out a report: the clean buckets' rollups plus the dirty buckets counted live from their
 * calls, with the same {@link Tally}, folded by queue, local day, local hour of day and agent; the
 * agents' status times from their history. Thread-safe.
 */
public final class ReportQuery {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final Jdbi jdbi;
  private final Clock clock;

  /** Reports over {@code jdbi}; "now" (the end of status times) from {@code clock}. */
  public ReportQuery(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The report of {@code request}, every section. */
  public ObjectNode run(ReportRequest request) {
    return ReadSnapshot.of(jdbi, handle -> run(handle, request));
  }

  private ObjectNode run(Handle handle, ReportRequest request) {
    KpiSettings settings = KpiSettingsStore.of(handle, request.tenantId());
    long from = request.startMillis();
    long to = request.endMillis();
    Set<String> queues = request.queues().orElse(null);
    Sections sections = new Sections(request);
    Set<Long> dirty = RollupStore.dirty(handle, request.tenantId(), from, to);
    int summedDays =
        RollupStore.addRollups(
            handle, request.tenantId(), from, to, request.zone().getId(), queues, dirty, sections);
    // Dirty buckets, in runs of consecutive ones, counted from their calls now.
    List<Long> sorted = new ArrayList<>(new TreeSet<>(dirty));
    int i = 0;
    while (i < sorted.size()) {
      long runStart = sorted.get(i);
      long runEnd = runStart + ReportBucket.MILLIS;
      while (i + 1 < sorted.size() && sorted.get(i + 1) == runEnd) {
        i++;
        runEnd += ReportBucket.MILLIS;
      }
      i++;
      Tally live = new Tally();
      RollupStore.callsOf(
          handle,
          request.tenantId(),
          runStart,
          runEnd,
          record -> live.add(ReportRollups.parse(record), settings));
      live.queues.keySet().removeIf(slice -> queues != null && !queues.contains(slice.queue()));
      live.agents.keySet().removeIf(slice -> queues != null && !queues.contains(slice.queue()));
      live.emitTo(sections);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("from", request.from().toString());
    body.put("to", request.to().toString());
    body.put("time_zone", request.zone().getId());
    ArrayNode inView = body.putArray("queues");
    request.queues().ifPresent(q -> new TreeSet<>(q).forEach(inView::add));
    body.set("settings", settings.toJson());
    body.set("definitions", Definitions.of(settings));
    body.put("buckets_counted_live", dirty.size());
    body.put("agent_days_from_day_totals", summedDays);
    if (queues == null) {
      // Every queue in view: every agent the hub knows, with or without calls in the range.
      handle
          .createQuery("select extension from agents where tenant_id = :tenant")
          .bind("tenant", request.tenantId())
          .mapTo(String.class)
          .forEach(sections::knownAgent);
    }
    long statusEnd = Math.min(to, clock.millis());
    sections.writeTo(body, settings, handle, from, statusEnd);
    return body;
  }

  /** The sections being summed: totals, by queue, by day, by hour, by agent. */
  private static final class Sections implements Tally.Sink {
    private final ReportRequest request;
    private final QueueFigures totals = new QueueFigures();
    private final Map<String, QueueFigures> byQueue = new TreeMap<>();
    private final Map<LocalDate, QueueFigures> byDay = new TreeMap<>();
    private final Map<Integer, QueueFigures> byHour = new TreeMap<>();
    private final Map<String, AgentFigures> byAgent = new TreeMap<>();
    private long lastBucket = Long.MIN_VALUE;
    private LocalDateTime lastLocal;

    Sections(ReportRequest request) {
      this.request = request;
      for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
        byDay.put(day, new QueueFigures());
      }
      for (int hour = 0; hour < 24; hour++) {
        byHour.put(hour, new QueueFigures());
      }
      request.queues().ifPresent(q -> q.forEach(queue -> byQueue.put(queue, new QueueFigures())));
    }

    private LocalDateTime local(long bucket) {
      if (bucket != lastBucket) {
        lastBucket = bucket;
        lastLocal = LocalDateTime.ofInstant(Instant.ofEpochMilli(bucket), request.zone());
      }
      return lastLocal;
    }

    @Override
    public void queue(Slice slice, QueueFigures figures) {
      LocalDateTime local = local(slice.bucket());
      totals.add(figures);
      byQueue.computeIfAbsent(slice.queue(), q -> new QueueFigures()).add(figures);
      byDay.computeIfAbsent(local.toLocalDate(), d -> new QueueFigures()).add(figures);
      byHour.get(local.getHour()).add(figures);
    }

    @Override
    public void agent(Slice slice, AgentFigures figures) {
      byAgent.computeIfAbsent(slice.agent(), a -> new AgentFigures()).add(figures);
    }

    void knownAgent(String extension) {
      byAgent.computeIfAbsent(extension, a -> new AgentFigures());
    }

    void writeTo(ObjectNode body, KpiSettings settings, Handle handle, long from, long to) {
      totals.writeTo(body.putObject("totals"), settings);
      ArrayNode queues = body.putArray("by_queue");
      byQueue.forEach((queue, f) -> f.writeTo(queues.addObject().put("queue", queue), settings));
      ArrayNode days = body.putArray("by_day");
      byDay.forEach((day, f) -> f.writeTo(days.addObject().put("day", day.toString()), settings));
      ArrayNode hours = body.putArray("by_hour");
      byHour.forEach((hour, f) -> f.writeTo(hours.addObject().put("hour", hour), settings));
      ArrayNode agents = body.putArray("by_agent");
      byAgent.forEach(
          (agent, f) -> {
            ObjectNode row = agents.addObject();
            row.put("agent", agent);
            row.put("name", request.namesByExtension().get(agent));
            f.writeTo(row);
            StatusTimes.of(handle, request.tenantId(), agent, from, to).writeTo(row);
          });
    }
  }
}
