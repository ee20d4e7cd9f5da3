package dev.switchboard.pbx.engine;

import dev.switchboard.protocol.webhook.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished call as the PBX's call-record report gives it. Its durations are whole seconds,
 * rounded down from the engine's millisecond times once, when the call ended: the final {@code
 * calldata} webhook carries these same values, so the webhook and the report never disagree.
 *
 * @param tenant the tenant's domain
 * @param callId the call
 * @param start when the call began
 * @param outbound whether an extension called out
 * @param extension the agent's extension (the caller for outbound, the answering or last rung agent
 *     for inbound)
 * @param phone the customer's number
 * @param duration the whole call, whole seconds
 * @param billsec talk time, whole seconds
 * @param callStatus ANSWER, NOANSWER, BUSY, CANCEL, ABANDON
 * @param recordingUrl the recording, when recorded
 * @param queue the queue an inbound call went through (its number)
 * @param did the number an inbound customer dialled
 * @param holdtime how long an inbound customer waited in the queue before an agent answered (or
 *     until the call ended unanswered), whole seconds; zero for outbound and direct calls
 */
public record FinishedCall(
    String tenant,
    String callId,
    Instant start,
    boolean outbound,
    Optional<String> extension,
    String phone,
    Duration duration,
    Duration billsec,
    CallStatus callStatus,
    Optional<String> recordingUrl,
    Optional<String> queue,
    Optional<String> did,
    Duration holdtime) {
  /** All parts are required; durations are whole seconds, never negative. */
  public FinishedCall {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(phone, "phone");
    wholeSeconds(duration, "duration");
    wholeSeconds(billsec, "billsec");
    Objects.requireNonNull(callStatus, "callStatus");
    Objects.requireNonNull(recordingUrl, "recordingUrl");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(did, "did");
    wholeSeconds(holdtime, "holdtime");
  }

  /** The status's code as the report and the webhooks write it ({@code ANSWER}, ...). */
  public String status() {
    return callStatus.code();
  }

  /** The one rounding rule of the emulator: whole seconds, rounded down. */
  static Duration wholeSecondsOf(Duration exact) {
    return Duration.ofSeconds(exact.toSeconds());
  }

  private static void wholeSeconds(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.getNano() != 0) {
      throw new IllegalArgumentException(name + " must be whole seconds, not negative");
    }
  }
}
