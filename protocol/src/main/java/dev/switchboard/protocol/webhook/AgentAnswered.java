package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code calldata} with {@code status=ANSWER} and no duration (v1): an agent picked up the call.
 * Not final: the call goes on.
 *
 * @param callId the call
 * @param extension the agent's extension
 * @param queue the queue the call came through
 * @param phone the customer
 * @param extra fields the documents do not define
 */
public record AgentAnswered(
    CallId callId,
    String extension,
    Optional<String> queue,
    Optional<PhoneNumber> phone,
    Map<String, String> extra)
    implements CallEvent {

  /** Validates every part. */
  public AgentAnswered {
    Objects.requireNonNull(callId, "callId");
    extension = RingAttempts.extension(extension);
    queue = IncomingCall.identifier("queue", queue);
    Objects.requireNonNull(phone, "phone");
    extra = RingAttempts.extra(extra);
  }

  static AgentAnswered read(WireFields fields) {
    return RingAttempts.read(fields, AgentAnswered::new);
  }

  @Override
  public EventType type() {
    return EventType.AGENT_ANSWERED;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    RingAttempts.write(writer, CallStatus.ANSWER, callId, extension, queue, phone, extra);
  }
}
