package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.Optional;

/**
 * Pauses or unpauses an extension in its queues: {@code POST /api/Agent/update_status} (no {@code
 * /format/json}) with {@code {"key":"...","exten":"100","status":"0"}}, where {@code "0"} is
 * unpaused and {@code "1"} paused.
 *
 * @param key the company key
 * @param extension the extension ({@code exten})
 * @param paused true to pause ({@code "1"}), false to unpause ({@code "0"})
 */
public record QueueStatusUpdate(PbxKey key, String extension, boolean paused)
    implements PbxRequest {
  /** Validates every part. */
  public QueueStatusUpdate {
    Text.required("key", key);
    extension = Text.identifier("exten", extension, Text.MAX_IDENTIFIER);
  }

  @Override
  public PbxApiPath apiPath() {
    return PbxApiPath.QUEUE_STATUS_UPDATE;
  }

  @Override
  public Optional<String> body() {
    return Optional.of(toJson());
  }

  /** The body, compact: {@code {"key":..,"exten":"100","status":"0"}}. Holds the key. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.put("key", key.value());
    body.put("exten", extension);
    body.put("status", paused ? "1" : "0");
    return JsonMappers.text(body);
  }

  /** Reads the body; {@code status} may be {@code "0"}/{@code "1"} or the numbers 0/1. */
  public static QueueStatusUpdate parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    PbxKey key = WireJson.key(root);
    String extension = WireJson.identifier(root, "exten", "exten");
    JsonNode status = WireJson.member(root, "status");
    if (status == null) {
      throw ProtocolException.field("status", "is missing");
    }
    String code = status.isTextual() || status.isIntegralNumber() ? status.asText().trim() : "";
    if (!code.equals("0") && !code.equals("1")) {
      throw ProtocolException.field("status", "is not \"0\" (unpaused) or \"1\" (paused)");
    }
    return new QueueStatusUpdate(key, extension, code.equals("1"));
  }
}
