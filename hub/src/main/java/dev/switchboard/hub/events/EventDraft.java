package dev.switchboard.hub.events;

import dev.switchboard.protocol.webhook.CallEvent;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event about to be appended to the log: a webhook as received (with its raw text), or a
 * synthetic {@code call_swept} for a call that never ended.
 *
 * @param tenantId the tenant it belongs to
 * @param receivedAt when the hub received it
 * @param source where it came from
 * @param remoteAddress the sender's address, when it came over HTTP
 * @param webhook the webhook, absent for a sweep
 * @param sweptCallId the call being swept, for a sweep
 * @param path the path it arrived on (webhooks)
 * @param rawFormat how the raw text is carried (webhooks)
 * @param raw the query string or body as received (webhooks)
 * @param content the canonical content ({@link EventContent}), computed when the draft is made
 */
public record EventDraft(
    String tenantId,
    Instant receivedAt,
    Source source,
    Optional<String> remoteAddress,
    Optional<WebhookEvent> webhook,
    Optional<String> sweptCallId,
    Optional<WebhookPath> path,
    Optional<RawFormat> rawFormat,
    Optional<String> raw,
    String content) {

  /** The type stored for a sweep. */
  public static final String SWEPT = "call_swept";

  /** Validates that a draft is either a webhook with its raw text or a sweep. */
  public EventDraft {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(source, "source");
    if (webhook.isPresent() == sweptCallId.isPresent()) {
      throw new IllegalArgumentException("an event is a webhook or a sweep");
    }
    if (webhook.isPresent() && (path.isEmpty() || rawFormat.isEmpty() || raw.isEmpty())) {
      throw new IllegalArgumentException("a webhook is logged with its path and raw text");
    }
  }

  /** A webhook as received. */
  public static EventDraft webhook(
      String tenantId,
      Instant receivedAt,
      Source source,
      String remoteAddress,
      WebhookEvent event,
      WebhookPath path,
      RawFormat format,
      String raw) {
    return new EventDraft(
        tenantId,
        receivedAt,
        source,
        Optional.ofNullable(remoteAddress),
        Optional.of(event),
        Optional.empty(),
        Optional.of(path),
        Optional.of(format),
        Optional.of(raw),
        EventContent.of(Optional.of(event), Optional.empty()));
  }

  /** The sweeper closing a call. */
  public static EventDraft sweep(String tenantId, Instant at, String callId) {
    return new EventDraft(
        tenantId,
        at,
        Source.SWEEPER,
        Optional.empty(),
        Optional.empty(),
        Optional.of(callId),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        EventContent.of(Optional.empty(), Optional.of(callId)));
  }

  /** The type's wire name ({@code incoming_call}, ...) or {@code call_swept}. */
  public String type() {
    return webhook.map(event -> event.type().wireName()).orElse(SWEPT);
  }

  /** The call it is about, if any. */
  public Optional<String> callId() {
    return webhook
        .filter(CallEvent.class::isInstance)
        .map(event -> ((CallEvent) event).callId().value())
        .or(() -> sweptCallId);
  }
}
