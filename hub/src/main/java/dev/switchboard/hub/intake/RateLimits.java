package dev.switchboard.hub.intake;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant: {@code perSecond} sustained, bursts up to {@code burst}. Thread-safe.
 */
public final class RateLimits {
  private final int perSecond;
  private final int burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Limits of {@code perSecond} events a second with bursts of {@code burst}. */
  public RateLimits(int perSecond, int burst) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limits must be at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes one event from the tenant's bucket: empty when taken, else how long until the bucket
   * holds one again (at least a millisecond).
   */
  public Optional<Duration> take(String tenantId) {
    ConsumptionProbe probe =
        buckets
            .computeIfAbsent(
                tenantId,
                id ->
                    Bucket.builder()
                        .addLimit(
                            limit ->
                                limit
                                    .capacity(burst)
                                    .refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .build())
            .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(1_000_000, probe.getNanosToWaitForRefill())));
  }

  /** The sustained rate. */
  public int perSecond() {
    return perSecond;
  }

  /** The burst. */
  public int burst() {
    return burst;
  }
}
