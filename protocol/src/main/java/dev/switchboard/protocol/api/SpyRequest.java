package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.internal.Text;
import java.util.Optional;

/**
 * Lets one extension listen in on (or join) another's call: {@code POST /api/Agent/spy/format/json}
 * with {@code {"key":"...","src":"100","dst":"101","mode":"whisper"}}.
 *
 * @param key the company key
 * @param src the extension that listens
 * @param dst the extension whose call is listened to
 * @param mode how {@code src} takes part
 */
public record SpyRequest(PbxKey key, String src, String dst, SpyMode mode) implements PbxRequest {
  /** Validates every part. */
  public SpyRequest {
    Text.required("key", key);
    src = Text.identifier("src", src, Text.MAX_IDENTIFIER);
    dst = Text.identifier("dst", dst, Text.MAX_IDENTIFIER);
    Text.required("mode", mode);
  }

  @Override
  public PbxApiPath apiPath() {
    return PbxApiPath.SPY;
  }

  @Override
  public Optional<String> body() {
    return Optional.of(toJson());
  }

  /** The body, compact: {@code {"key":..,"src":..,"dst":..,"mode":..}}. Holds the key. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.put("key", key.value());
    body.put("src", src);
    body.put("dst", dst);
    body.put("mode", mode.wireName());
    return JsonMappers.text(body);
  }

  /** Reads the body (any spacing; the mode in any case). */
  public static SpyRequest parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    return new SpyRequest(
        WireJson.key(root),
        WireJson.identifier(root, "src", "src"),
        WireJson.identifier(root, "dst", "dst"),
        SpyMode.of(WireJson.string(root, "mode", "mode")));
  }
}
