package dev.switchboard.protocol.webhook;

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
 * {@code calldata} with {@code status=ABANDON}: the customer hung up while waiting in a queue. A
 * final outcome, even when (as in v1) it carries a calldate.
 *
 * @param callId the call
 * @param calldate when the call began (v1)
 * @param holdtime how long the customer waited
 * @param queue the queue the customer waited in
 * @param phone the customer
 * @param extra fields the documents do not define for a missed call
 */
public record MissedCall(
    CallId callId,
    Optional<Instant> calldate,
    Optional<Duration> holdtime,
    Optional<String> queue,
    Optional<PhoneNumber> phone,
    Map<String, String> extra)
    implements CallEvent {
  private static final Set<String> RESERVED =
      Set.of("callid", "calldate", "holdtime", "status", "queue", "phone");

  /** Validates every part. */
  public MissedCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(calldate, "calldate");
    Objects.requireNonNull(holdtime, "holdtime");
    holdtime.ifPresent(
        wait -> {
          if (wait.isNegative()) {
            throw ProtocolException.field("holdtime", "is negative");
          }
        });
    queue = IncomingCall.identifier("queue", queue);
    Objects.requireNonNull(phone, "phone");
    extra = Extra.copyOf(extra, RESERVED);
  }

  static MissedCall read(WireFields fields) {
    fields.text("status"); // ABANDON, known by the caller
    return new MissedCall(
        fields.callId(),
        fields.calldate(),
        fields.seconds("holdtime"),
        fields.identifier("queue"),
        fields.phone(),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.MISSED_CALL;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("callid", Optional.of(callId));
    writer.calldate(calldate);
    writer.seconds("holdtime", holdtime);
    writer.field("status", CallStatus.ABANDON.code());
    writer.field("queue", queue);
    writer.phone(phone);
    writer.extra(extra);
  }
}
