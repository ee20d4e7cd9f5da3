package dev.switchboard.pbx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Sticky routing of a tenant: whether the PBX asks the CRM where to send an inbound call before
 * queueing it ({@code GET {CRM_URL}/api/callcenter/route?phone=...}), and how long it waits for the
 * answer (real time, whatever the simulated clock's speed) before it queues the call as usual.
 *
 * @param enabled whether the question is asked
 * @param timeout how long the answer may take, 1 ms to 10 s
 */
public record RoutingSetup(boolean enabled, Duration timeout) {
  /** The default wait for the CRM's answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

  /** Longest wait accepted: a caller hears ringing meanwhile. */
  public static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(10);

  /** Validates the timeout. */
  public RoutingSetup {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "routing.timeout: must be between 1ms and 10s (got " + timeout.toMillis() + "ms)");
    }
  }

  /** No question asked: inbound calls go to the queue. */
  public static RoutingSetup off() {
    return new RoutingSetup(false, DEFAULT_TIMEOUT);
  }

  /** The same wait, with the question asked. */
  public RoutingSetup turnedOn() {
    return new RoutingSetup(true, timeout);
  }
}
