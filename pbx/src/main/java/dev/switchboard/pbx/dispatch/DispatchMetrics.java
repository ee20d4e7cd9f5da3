package dev.switchboard.pbx.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * The dispatcher's meters: {@code switchboard.pbx.webhooks} counted by {@code outcome} (delivered,
 * retried = failed attempts that will be tried again, dead, dropped, replayed), {@code
 * switchboard.pbx.webhooks.replies} counting 200 replies by {@code body} (seed or other), {@code
 * switchboard.pbx.webhooks.refusals} counting attempts the CRM refused (a 4xx other than 408, 425
 * and 429), {@code switchboard.pbx.webhooks.claims_lost} counting outcomes not recorded because the
 * claim had expired and been taken over, the delivery lag from enqueue to delivery on the
 * dispatcher's clock, and the sends in flight in this process. Thread-safe.
 */
final class DispatchMetrics {
  private static final String WEBHOOKS = "switchboard.pbx.webhooks";

  final Counter delivered;
  final Counter retried;
  final Counter dead;
  final Counter dropped;
  final Counter replayed;
  final Counter seedReplies;
  final Counter otherReplies;
  final Counter refused;
  final Counter claimsLost;
  private final Timer lag;

  DispatchMetrics(MeterRegistry registry, Map<Long, ?> inFlight) {
    delivered = outcome(registry, "delivered");
    retried = outcome(registry, "retried");
    dead = outcome(registry, "dead");
    dropped = outcome(registry, "dropped");
    replayed = outcome(registry, "replayed");
    seedReplies = reply(registry, "seed");
    otherReplies = reply(registry, "other");
    refused =
        Counter.builder(WEBHOOKS + ".refusals")
            .description("attempts the CRM refused with a 4xx other than 408, 425 and 429")
            .register(registry);
    claimsLost =
        Counter.builder(WEBHOOKS + ".claims_lost")
            .description(
                "outcomes not recorded: the claim expired and another dispatcher took over")
            .register(registry);
    lag =
        Timer.builder(WEBHOOKS + ".lag")
            .description("time from enqueue to delivery of a webhook")
            .register(registry);
    Gauge.builder(WEBHOOKS + ".in_flight", inFlight, Map::size)
        .description("webhooks being sent right now")
        .register(registry);
  }

  void delivered(Duration sinceEnqueued) {
    delivered.increment();
    lag.record(sinceEnqueued.isNegative() ? Duration.ZERO : sinceEnqueued);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder(WEBHOOKS)
        .description("webhooks by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter reply(MeterRegistry registry, String body) {
    return Counter.builder(WEBHOOKS + ".replies")
        .description("HTTP 200 replies, by whether the body is the seeds' {\"status code\":200}")
        .tag("body", body)
        .register(registry);
  }
}
