package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code call_in}: an inbound call rings at an agent's extension, or (v2 {@code event=ANSWER}) was
 * answered there. One call can ring several extensions in turn, each with its own {@code call_in}.
 *
 * @param callId the call
 * @param phone the caller
 * @param extension the agent's extension rung (absent while the call waits in a queue)
 * @param queue the queue the call came through (v2)
 * @param event RINGING or ANSWER (v2; v1 sends none)
 * @param did the PBX number the customer dialled (v2)
 * @param extra fields the documents do not define
 */
public record IncomingCall(
    CallId callId,
    PhoneNumber phone,
    Optional<String> extension,
    Optional<String> queue,
    Optional<CallProgress> event,
    Optional<String> did,
    Map<String, String> extra)
    implements CallEvent {
  private static final Set<String> RESERVED = Set.copyOf(WebhookPath.CALL_IN.fields());

  /** Validates every part. */
  public IncomingCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(phone, "phone");
    extension = identifier("extension", extension);
    queue = identifier("queue", queue);
    Objects.requireNonNull(event, "event");
    did = identifier("did", did);
    extra = Extra.copyOf(extra, RESERVED);
  }

  static IncomingCall read(WireFields fields) {
    return new IncomingCall(
        fields.callId(),
        fields.requiredPhone(),
        fields.identifier("extension"),
        fields.identifier("queue"),
        fields.code("event", CallProgress::of),
        fields.identifier("did"),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.INCOMING_CALL;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.phone(Optional.of(phone));
    writer.field("queue", queue);
    writer.field("extension", extension);
    writer.field("callid", Optional.of(callId));
    writer.field("event", event);
    writer.field("did", did);
    writer.extra(extra);
  }

  static Optional<String> identifier(String field, Optional<String> value) {
    Objects.requireNonNull(value, field);
    return value.map(present -> Text.identifier(field, present, WireFields.MAX_IDENTIFIER));
  }
}
