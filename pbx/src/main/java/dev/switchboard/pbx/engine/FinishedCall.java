package dev.switchboard.pbx.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished call as the PBX's call-record report gives it.
 *
 * @param tenant the tenant's domain
 * @param callId the call
 * @param start when the call began
 * @param outbound whether an extension called out
 * @param extension the agent's extension (the caller for outbound, the answering or last rung agent
 *     for inbound)
 * @param phone the customer's number
 * @param duration the whole call
 * @param billsec talk time
 * @param status ANSWER, NOANSWER, BUSY, ABANDON, FAILED
 * @param recordingUrl the recording, when recorded
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
    String status,
    Optional<String> recordingUrl) {
  /** All parts are required. */
  public FinishedCall {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(recordingUrl, "recordingUrl");
  }
}
