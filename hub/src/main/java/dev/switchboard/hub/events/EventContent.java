package dev.switchboard.hub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookJson;
import java.util.Optional;

/**
 * An event's content in canonical form: its normalised fields as JSON with sorted keys. Two events
 * with the same content are duplicates; the call fold orders events of the same instant by it.
 * Computed once, where the event is made (the request thread), never again on the writer's path.
 */
public final class EventContent {
  private static final ObjectMapper CANONICAL =
      JsonMappers.create().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

  private EventContent() {}

  /** The canonical content of a webhook, or of the sweep of {@code callId}. */
  public static String of(Optional<WebhookEvent> webhook, Optional<String> callId) {
    ObjectNode fields;
    if (webhook.isPresent()) {
      fields = WebhookJson.normalised(webhook.get());
    } else {
      fields = CANONICAL.createObjectNode();
      fields.put("type", EventDraft.SWEPT);
      fields.put("callid", callId.orElseThrow());
    }
    return canonical(fields);
  }

  /** {@code fields} as canonical text: JSON with sorted keys. */
  public static String canonical(ObjectNode fields) {
    try {
      return CANONICAL.writeValueAsString(fields);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
