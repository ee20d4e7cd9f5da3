package dev.switchboard.hub.events;

import dev.switchboard.protocol.webhook.WebhookEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as it stands in the log, read back: its sequence number, when and whence it came, the
 * webhook it carried (absent for a sweep, an unknown path or a route answer) and its canonical
 * content ({@link EventContent}).
 */
public record LoggedEvent(
    long seq,
    String tenantId,
    Instant receivedAt,
    Source source,
    String type,
    Optional<String> callId,
    Optional<WebhookEvent> webhook,
    String content) {

  /** An event whose canonical content is computed from its webhook (or sweep). */
  public LoggedEvent(
      long seq,
      String tenantId,
      Instant receivedAt,
      Source source,
      String type,
      Optional<String> callId,
      Optional<WebhookEvent> webhook) {
    this(
        seq, tenantId, receivedAt, source, type, callId, webhook, EventContent.of(webhook, callId));
  }

  /** All parts are required. */
  public LoggedEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(content, "content");
  }

  /** Whether this is the sweeper closing the call. */
  public boolean isSweep() {
    return type.equals(EventDraft.SWEPT);
  }
}
