package dev.switchboard.hub.calls;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call as the hub understands it, derived from every logged event with its callid ({@link
 * CallFold}). The same set of events gives the same call whatever order they arrived in.
 *
 * @param tenantId the tenant
 * @param callId the PBX's call id
 * @param direction inbound, outbound or unknown
 * @param customer the customer's number (raw and E.164)
 * @param did the PBX number dialled (inbound)
 * @param queue the queue the call went through
 * @param state ringing, talking or ended
 * @param outcome how it ended (present once ended)
 * @param answeredBy the extension that answered (inbound) or called (outbound)
 * @param attempts every extension rung, with each attempt's result, in order
 * @param firstSeenAt when the hub first heard of the call
 * @param ringingAt when it was first reported ringing
 * @param answeredAt when it was first reported answered
 * @param endedAt when it ended
 * @param calldate the start time the PBX reported
 * @param duration the whole call (PBX)
 * @param billsec talk time (PBX)
 * @param holdtime how long the customer waited in the queue (PBX)
 * @param recordingUrl the recording
 */
public record Call(
    String tenantId,
    String callId,
    CallDirection direction,
    Optional<PhoneNumber> customer,
    Optional<String> did,
    Optional<String> queue,
    CallState state,
    Optional<Outcome> outcome,
    Optional<String> answeredBy,
    List<Attempt> attempts,
    Instant firstSeenAt,
    Optional<Instant> ringingAt,
    Optional<Instant> answeredAt,
    Optional<Instant> endedAt,
    Optional<Instant> calldate,
    Optional<Duration> duration,
    Optional<Duration> billsec,
    Optional<Duration> holdtime,
    Optional<String> recordingUrl) {

  /** Validates the parts: an outcome exactly when the call has ended. */
  public Call {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(state, "state");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    if (outcome.isPresent() != (state == CallState.ENDED)) {
      throw new IllegalArgumentException("a call has an outcome exactly when it has ended");
    }
  }

  /** Every extension involved: rung, answering or calling. */
  public List<String> extensions() {
    var all = new java.util.LinkedHashSet<String>();
    attempts.forEach(attempt -> all.add(attempt.extension()));
    answeredBy.ifPresent(all::add);
    return List.copyOf(all);
  }
}
