package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.Extra;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code calldata} with a {@code calldate} or a {@code duration}: the final record of a call (its
 * CDR), sent when the call is over.
 *
 * @param callId the call
 * @param calldate when the call began (the PBX's local time read in the tenant's zone)
 * @param duration the whole call, ringing included
 * @param billsec talk time (v2)
 * @param status ANSWER, BUSY, NOANSWER, FAILED, ... (never ABANDON: that is a {@link MissedCall})
 * @param did the PBX number the customer dialled (v2)
 * @param extension the agent's extension that answered or did not answer
 * @param phone the customer
 * @param direction Inbound or Outbound (v2)
 * @param recordingUrl the recording ({@code recordingfile})
 * @param extra fields the documents do not define for a call record
 */
public record CallRecord(
    CallId callId,
    Optional<Instant> calldate,
    Optional<Duration> duration,
    Optional<Duration> billsec,
    Optional<CallStatus> status,
    Optional<String> did,
    Optional<String> extension,
    Optional<PhoneNumber> phone,
    Optional<Direction> direction,
    Optional<String> recordingUrl,
    Map<String, String> extra)
    implements CallEvent {
  private static final Set<String> RESERVED =
      Set.of(
          "callid",
          "calldate",
          "duration",
          "billsec",
          "status",
          "did",
          "extension",
          "phone",
          "direction",
          "recordingfile");

  /** Validates every part; a call record has a calldate or a duration and is not an ABANDON. */
  public CallRecord {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(calldate, "calldate");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(billsec, "billsec");
    Objects.requireNonNull(status, "status");
    did = IncomingCall.identifier("did", did);
    extension = IncomingCall.identifier("extension", extension);
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(recordingUrl, "recordingUrl");
    extra = Extra.copyOf(extra, RESERVED);
    if (calldate.isEmpty() && duration.isEmpty()) {
      throw ProtocolException.input("a call record has a calldate or a duration");
    }
    if (status.filter(CallStatus.ABANDON::equals).isPresent()) {
      throw ProtocolException.field("status", "ABANDON makes a missed call, not a call record");
    }
    duration.ifPresent(CallRecord::requireNotNegative);
    billsec.ifPresent(CallRecord::requireNotNegative);
  }

  static CallRecord read(WireFields fields) {
    return new CallRecord(
        fields.callId(),
        fields.calldate(),
        fields.seconds("duration"),
        fields.seconds("billsec"),
        fields.code("status", CallStatus::of),
        fields.identifier("did"),
        fields.identifier("extension"),
        fields.phone(),
        fields.code("direction", Direction::of),
        fields.url("recordingfile"),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.CALL_RECORD;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("callid", Optional.of(callId));
    writer.calldate(calldate);
    writer.seconds("duration", duration);
    writer.seconds("billsec", billsec);
    // v1 spells a final record's answered status ANSWERED; v2 writes ANSWER.
    writer.field(
        "status",
        status.map(
            s ->
                writer.edition() == Edition.V1 && s.equals(CallStatus.ANSWER)
                    ? "ANSWERED"
                    : s.code()));
    writer.field("did", did);
    writer.field("extension", extension);
    writer.phone(phone);
    writer.field("direction", direction);
    writer.field("recordingfile", recordingUrl);
    writer.extra(extra);
  }

  private static void requireNotNegative(Duration duration) {
    if (duration.isNegative()) {
      throw ProtocolException.input("a duration is negative");
    }
  }
}
