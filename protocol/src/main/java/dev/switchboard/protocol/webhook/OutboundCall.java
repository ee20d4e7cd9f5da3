package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code init}: an agent's extension calls out to a customer; {@code event} says it rings or was
 * answered.
 *
 * @param callId the call
 * @param extension the agent's extension making the call
 * @param phone the number called
 * @param event RINGING or ANSWER (v1 spells it ANSWERED)
 * @param extra fields the documents do not define
 */
public record OutboundCall(
    CallId callId,
    String extension,
    PhoneNumber phone,
    Optional<CallProgress> event,
    Map<String, String> extra)
    implements CallEvent {
  private static final Set<String> RESERVED = Set.copyOf(WebhookPath.INIT.fields());

  /** Validates every part. */
  public OutboundCall {
    Objects.requireNonNull(callId, "callId");
    extension = RingAttempts.extension(extension);
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(event, "event");
    extra = Extra.copyOf(extra, RESERVED);
  }

  static OutboundCall read(WireFields fields) {
    return new OutboundCall(
        fields.callId(),
        fields.requiredIdentifier("extension"),
        fields.requiredPhone(),
        fields.code("event", CallProgress::of),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.OUTBOUND_CALL;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("extension", extension);
    writer.phone(Optional.of(phone));
    writer.field("callid", callId.value());
    writer.field(
        "event",
        event.map(
            e ->
                writer.edition() == Edition.V1 && e.equals(CallProgress.ANSWER)
                    ? "ANSWERED"
                    : e.code()));
    writer.extra(extra);
  }
}
