package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.hub.calls.ReportBucket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls counted into rollup rows: per bucket and queue the {@link QueueFigures}, per bucket, queue
 * and agent the {@link AgentFigures}. Only calls of a queue are counted. Not thread-safe.
 */
final class Tally {
  final Map<Slice, QueueFigures> queues = new LinkedHashMap<>();
  final Map<Slice, AgentFigures> agents = new LinkedHashMap<>();

  /** Where rows go: a report's sections. */
  interface Sink {
    /** A queue row. */
    void queue(Slice slice, QueueFigures figures);

    /** An agent row. */
    void agent(Slice slice, AgentFigures figures);
  }

  /** Sends every row to {@code sink}. */
  void emitTo(Sink sink) {
    queues.forEach(sink::queue);
    agents.forEach(sink::agent);
  }

  /** Counts {@code call} with the thresholds of {@code settings}. */
  void add(JsonNode call, KpiSettings settings) {
    CallFacts facts = CallFacts.of(call);
    if (facts.queue().isEmpty() || !call.hasNonNull("first_seen_at")) {
      return;
    }
    long bucket =
        ReportBucket.startOf(Instant.parse(call.get("first_seen_at").asText()).toEpochMilli());
    String queue = facts.queue().get();
    queues
        .computeIfAbsent(new Slice(bucket, queue, Slice.QUEUE_ROW), s -> new QueueFigures())
        .add(facts, settings);
    facts
        .agent()
        .ifPresent(
            agent ->
                agents
                    .computeIfAbsent(new Slice(bucket, queue, agent), s -> new AgentFigures())
                    .answered(facts));
    for (String agent : facts.missedRings()) {
      agents.computeIfAbsent(new Slice(bucket, queue, agent), s -> new AgentFigures()).missedRing();
    }
  }
}
