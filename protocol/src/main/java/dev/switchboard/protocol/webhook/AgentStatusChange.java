package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Agent/ChangeStatus}: an agent phone's real-time status changed (off, on, pause, ring,
 * talk).
 *
 * @param extension the agent's extension
 * @param status the new status
 * @param extra fields the documents do not define
 */
public record AgentStatusChange(String extension, AgentState status, Map<String, String> extra)
    implements WebhookEvent {
  private static final Set<String> RESERVED = Set.copyOf(WebhookPath.AGENT_STATUS.fields());

  /** Validates every part. */
  public AgentStatusChange {
    extension = RingAttempts.extension(extension);
    Objects.requireNonNull(status, "status");
    extra = Extra.copyOf(extra, RESERVED);
  }

  static AgentStatusChange read(WireFields fields) {
    return new AgentStatusChange(
        fields.requiredIdentifier("extension"),
        AgentState.of(fields.text("status").orElseThrow(() -> WireFields.missing("status"))),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.AGENT_STATUS;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("extension", extension);
    writer.field("status", status.code());
    writer.extra(extra);
  }
}
