package dev.switchboard.pbx.dispatch;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt the next one waits a delay
 * drawn uniformly from {@code [0, min(maxRetryDelay, firstRetry * 2^(n-1)))}, in whole
 * milliseconds. The draws come from {@code new Random(seed)}, one per failed attempt, so a single
 * webhook's schedule is the same on every run. Thread-safe.
 */
final class RetrySchedule {
  private final long firstMillis;
  private final long maxMillis;
  private final Random jitter;

  RetrySchedule(DispatchSettings settings) {
    this.firstMillis = settings.firstRetry().toMillis();
    this.maxMillis = settings.maxRetryDelay().toMillis();
    this.jitter = new Random(settings.seed());
  }

  /** The delay before the next attempt, after the {@code failures}-th failed one (1 = first). */
  synchronized Duration delayAfter(int failures) {
    return Duration.ofMillis((long) (ceilingMillis(failures) * jitter.nextDouble()));
  }

  /** The backoff ceiling after {@code failures} failed attempts. */
  long ceilingMillis(int failures) {
    long ceiling = firstMillis;
    for (int doubled = 1; doubled < failures && ceiling < maxMillis; doubled++) {
      ceiling = ceiling > maxMillis / 2 ? maxMillis : ceiling * 2;
    }
    return Math.min(ceiling, maxMillis);
  }
}
