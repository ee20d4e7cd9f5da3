package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hangup}: the call ended. Carries only the callid; the details come with the final {@code
 * calldata}, which may arrive before or after it.
 */
public record Hangup(CallId callId, Map<String, String> extra) implements CallEvent {
  private static final Set<String> RESERVED = Set.of("callid");

  /** Validates every part. */
  public Hangup {
    Objects.requireNonNull(callId, "callId");
    extra = Extra.copyOf(extra, RESERVED);
  }

  /** A hangup with no extra fields. */
  public static Hangup of(CallId callId) {
    return new Hangup(callId, Map.of());
  }

  static Hangup read(WireFields fields) {
    return new Hangup(fields.callId(), fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.HANGUP;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("callid", Optional.of(callId));
    writer.extra(extra);
  }
}
