package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code calldata} with {@code status=NOANSWER} and no duration (v2): one agent let the call ring
 * out. Not final: the call goes on to the next agent.
 *
 * @param callId the call
 * @param extension the agent's extension
 * @param queue the queue the call came through
 * @param phone the customer
 * @param extra fields the documents do not define
 */
public record AgentNoAnswer(
    CallId callId,
    String extension,
    Optional<String> queue,
    Optional<PhoneNumber> phone,
    Map<String, String> extra)
    implements CallEvent {

  /** Validates every part. */
  public AgentNoAnswer {
    Objects.requireNonNull(callId, "callId");
    extension = RingAttempts.extension(extension);
    queue = IncomingCall.identifier("queue", queue);
    Objects.requireNonNull(phone, "phone");
    extra = RingAttempts.extra(extra);
  }

  static AgentNoAnswer read(WireFields fields) {
    return RingAttempts.read(fields, AgentNoAnswer::new);
  }

  @Override
  public EventType type() {
    return EventType.AGENT_NO_ANSWER;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    RingAttempts.write(writer, CallStatus.NOANSWER, callId, extension, queue, phone, extra);
  }
}
