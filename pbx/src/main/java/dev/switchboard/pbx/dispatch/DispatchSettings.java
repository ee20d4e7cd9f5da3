package dev.switchboard.pbx.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the webhook dispatcher sends, retries and gives up.
 *
 * @param connectTimeout how long to wait for a connection to the CRM (real time)
 * @param readTimeout how long to wait for the CRM's whole reply once the request is sent (real
 *     time)
 * @param firstRetry the backoff ceiling before the first retry (at least 1 ms; retries are
 *     scheduled in whole milliseconds); it doubles after every failed attempt, and the actual delay
 *     is drawn uniformly between zero and the ceiling (full jitter)
 * @param maxRetryDelay the highest backoff ceiling
 * @param giveUpAfter how long after it was enqueued (or replayed) a failing webhook becomes a dead
 *     letter (24 h by default)
 * @param dropRate the share of webhooks, 0 to 1, silently forgotten at enqueue as a real PBX
 *     sometimes does (0 by default)
 * @param seed seeds the retry jitter ({@code new java.util.Random(seed)}, one draw per failed
 *     attempt) and, through a second generator derived from it, the drop draws, so a run is
 *     repeatable
 * @param maxInFlight the most webhooks sent at the same time (each on its own ordering key)
 * @param keepDelivered how long delivered webhooks stay in the outbox (for {@link
 *     WebhookDispatcher#stats()} and inspection) before they are deleted
 * @param refusedTries how many attempts a webhook gets that the CRM refuses (a 4xx other than 408,
 *     425 and 429: it does not implement that path, or does not take that request) before it is a
 *     dead letter and the next webhook of its key goes on; they are spaced by the same backoff,
 *     counted from the first refusal (3 by default: the second within {@code firstRetry} of the
 *     first, the third within twice that of the second)
 */
public record DispatchSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration firstRetry,
    Duration maxRetryDelay,
    Duration giveUpAfter,
    double dropRate,
    long seed,
    int maxInFlight,
    Duration keepDelivered,
    int refusedTries) {

  /** The most webhooks that may be configured to be in flight at once. */
  public static final int MAX_IN_FLIGHT_LIMIT = 1000;

  /** The most tries that may be configured for a webhook the CRM refuses. */
  public static final int MAX_REFUSED_TRIES = 100;

  /**
   * How much longer than the longest attempt (connect plus read timeout) a claim lasts: room for
   * the outcome's database write and a pause of the process.
   */
  public static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  /** Validates every setting; the message names the one that is wrong. */
  public DispatchSettings {
    positive("connectTimeout", connectTimeout);
    positive("readTimeout", readTimeout);
    positive("firstRetry", firstRetry);
    if (firstRetry.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(
          "firstRetry must be at least 1 ms (got " + firstRetry + ")");
    }
    positive("maxRetryDelay", maxRetryDelay);
    positive("giveUpAfter", giveUpAfter);
    Objects.requireNonNull(keepDelivered, "keepDelivered");
    if (keepDelivered.isNegative()) {
      throw new IllegalArgumentException(
          "keepDelivered must not be negative (got " + keepDelivered + ")");
    }
    if (maxRetryDelay.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException(
          "maxRetryDelay (" + maxRetryDelay + ") must be at least firstRetry (" + firstRetry + ")");
    }
    if (!(dropRate >= 0 && dropRate <= 1)) {
      throw new IllegalArgumentException("dropRate must be between 0 and 1 (got " + dropRate + ")");
    }
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "maxInFlight must be between 1 and "
              + MAX_IN_FLIGHT_LIMIT
              + " (got "
              + maxInFlight
              + ")");
    }
    if (refusedTries < 1 || refusedTries > MAX_REFUSED_TRIES) {
      throw new IllegalArgumentException(
          "refusedTries must be between 1 and "
              + MAX_REFUSED_TRIES
              + " (got "
              + refusedTries
              + ")");
    }
  }

  /**
   * How long a dispatcher's claim on a webhook lasts, in real time: connect timeout plus read
   * timeout plus {@link #LEASE_MARGIN}, longer than any attempt takes. A claim whose owner died is
   * taken over by another dispatcher once it has expired.
   */
  public Duration claimLease() {
    return connectTimeout.plus(readTimeout).plus(LEASE_MARGIN);
  }

  /**
   * The defaults: connect 5 s, read 10 s, retries from 1 s doubling up to 5 min, give up after 24
   * h, no drops, seed 0, 16 in flight, delivered webhooks kept 1 h, 3 tries for a refused webhook.
   */
  public static DispatchSettings defaults() {
    return new DispatchSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofHours(24),
        0,
        0,
        16,
        Duration.ofHours(1),
        3);
  }

  /** These settings with other connect and read timeouts. */
  public DispatchSettings withTimeouts(Duration connect, Duration read) {
    return new DispatchSettings(
        connect,
        read,
        firstRetry,
        maxRetryDelay,
        giveUpAfter,
        dropRate,
        seed,
        maxInFlight,
        keepDelivered,
        refusedTries);
  }

  /** These settings with another retry schedule. */
  public DispatchSettings withRetries(Duration first, Duration maxDelay, Duration giveUp) {
    return new DispatchSettings(
        connectTimeout,
        readTimeout,
        first,
        maxDelay,
        giveUp,
        dropRate,
        seed,
        maxInFlight,
        keepDelivered,
        refusedTries);
  }

  /** These settings with another drop rate and seed ({@code --drop-rate}, {@code --seed}). */
  public DispatchSettings withDrops(double rate, long newSeed) {
    return new DispatchSettings(
        connectTimeout,
        readTimeout,
        firstRetry,
        maxRetryDelay,
        giveUpAfter,
        rate,
        newSeed,
        maxInFlight,
        keepDelivered,
        refusedTries);
  }

  /** These settings with another bound on parallel sends. */
  public DispatchSettings withMaxInFlight(int most) {
    return new DispatchSettings(
        connectTimeout,
        readTimeout,
        firstRetry,
        maxRetryDelay,
        giveUpAfter,
        dropRate,
        seed,
        most,
        keepDelivered,
        refusedTries);
  }

  /** These settings with another number of tries for refused webhooks ({@code --refused-tries}). */
  public DispatchSettings withRefusedTries(int tries) {
    return new DispatchSettings(
        connectTimeout,
        readTimeout,
        firstRetry,
        maxRetryDelay,
        giveUpAfter,
        dropRate,
        seed,
        maxInFlight,
        keepDelivered,
        tries);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive (got " + value + ")");
    }
  }
}
