package dev.switchboard.hub.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.webhook.CallEvent;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event about to be appended to the log: a webhook as received (with its raw text); a request
 * under {@code /api/} that is no webhook Switchboard knows, kept raw ({@code unknown_path}); the
 * answer to the PBX's routing question ({@code route}); a synthetic {@code call_swept} for a call
 * that never ended; or a callback item closed by hand ({@code callback_closed}). Only webhooks are
 * folded into calls and the board.
 *
 * @param tenantId the tenant it belongs to
 * @param receivedAt when the hub received it
 * @param source where it came from
 * @param remoteAddress the sender's address, when it came over HTTP
 * @param type the stored type: a webhook's wire name, {@link #SWEPT}, {@link #UNKNOWN_PATH}, {@link
 *     #ROUTE} or {@link #CALLBACK_CLOSED}
 * @param webhook the webhook, for webhooks only
 * @param callId the call it is about, if any
 * @param path the request path it arrived on (webhooks, unknown paths, route questions)
 * @param rawFormat how the raw text is carried (webhooks, unknown paths, route questions)
 * @param raw the query string or body as received (webhooks, unknown paths, route questions)
 * @param content the canonical content ({@link EventContent}), computed when the draft is made
 */
public record EventDraft(
    String tenantId,
    Instant receivedAt,
    Source source,
    Optional<String> remoteAddress,
    String type,
    Optional<WebhookEvent> webhook,
    Optional<String> callId,
    Optional<String> path,
    Optional<RawFormat> rawFormat,
    Optional<String> raw,
    String content) {

  /** The type stored for a sweep. */
  public static final String SWEPT = "call_swept";

  /** The type stored for a request under {@code /api/} that is no known webhook. */
  public static final String UNKNOWN_PATH = "unknown_path";

  /** The type stored for the hub's answer to the PBX's routing question. */
  public static final String ROUTE = "route";

  /** The type stored for a callback item closed by hand. */
  public static final String CALLBACK_CLOSED = "callback_closed";

  /** Validates that a draft is one of the five kinds, with what that kind is logged with. */
  public EventDraft {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(content, "content");
    boolean carriesRaw = path.isPresent() && rawFormat.isPresent() && raw.isPresent();
    if (type.equals(SWEPT)) {
      if (webhook.isPresent() || callId.isEmpty()) {
        throw new IllegalArgumentException("a sweep names its call and carries no webhook");
      }
    } else if (type.equals(CALLBACK_CLOSED)) {
      if (webhook.isPresent() || callId.isPresent() || carriesRaw) {
        throw new IllegalArgumentException("a callback close carries its fields only");
      }
    } else if (type.equals(UNKNOWN_PATH) || type.equals(ROUTE)) {
      if (webhook.isPresent() || !carriesRaw) {
        throw new IllegalArgumentException("a " + type + " is logged raw, with its path");
      }
    } else if (webhook.isEmpty() || !carriesRaw) {
      throw new IllegalArgumentException("a webhook is logged with its path and raw text");
    }
  }

  /** This event as the log holds it once appended as sequence number {@code seq}. */
  public LoggedEvent logged(long seq) {
    return new LoggedEvent(seq, tenantId, receivedAt, source, type, callId, webhook, content);
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
        event.type().wireName(),
        Optional.of(event),
        event instanceof CallEvent call ? Optional.of(call.callId().value()) : Optional.empty(),
        Optional.of(path.path()),
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
        SWEPT,
        Optional.empty(),
        Optional.of(callId),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        EventContent.of(Optional.empty(), Optional.of(callId)));
  }

  /** A callback item closed by hand by {@code by}, with its reason. */
  public static EventDraft callbackClosed(
      String tenantId, Instant at, String itemId, String reason, String by) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("type", CALLBACK_CLOSED);
    fields.put("item", itemId);
    fields.put("reason", reason);
    fields.put("by", by);
    fields.put("at", at.toString());
    return new EventDraft(
        tenantId,
        at,
        Source.CONSOLE,
        Optional.empty(),
        CALLBACK_CLOSED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        EventContent.canonical(fields));
  }

  /** A request under {@code /api/} on a path that is no webhook Switchboard knows, kept raw. */
  public static EventDraft unknownPath(
      String tenantId,
      Instant receivedAt,
      String remoteAddress,
      String path,
      RawFormat format,
      String raw) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("type", UNKNOWN_PATH);
    fields.put("path", path);
    fields.put("format", format.code());
    fields.put("raw", raw);
    return new EventDraft(
        tenantId,
        receivedAt,
        Source.WEBHOOK,
        Optional.ofNullable(remoteAddress),
        UNKNOWN_PATH,
        Optional.empty(),
        Optional.empty(),
        Optional.of(path),
        Optional.of(format),
        Optional.of(raw),
        EventContent.canonical(fields));
  }

  /**
   * The hub's answer to the routing question: {@code answer} holds the phone asked about, the
   * extension answered (or null) and the rule that chose it.
   */
  public static EventDraft route(
      String tenantId,
      Instant receivedAt,
      String remoteAddress,
      String path,
      RawFormat format,
      String raw,
      ObjectNode answer) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("type", ROUTE);
    fields.setAll(answer);
    return new EventDraft(
        tenantId,
        receivedAt,
        Source.WEBHOOK,
        Optional.ofNullable(remoteAddress),
        ROUTE,
        Optional.empty(),
        Optional.empty(),
        Optional.of(path),
        Optional.of(format),
        Optional.of(raw),
        EventContent.canonical(fields));
  }
}
