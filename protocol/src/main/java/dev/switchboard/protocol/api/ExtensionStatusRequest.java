package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the status of some extensions: {@code POST /api/Agent/status/format/json} with {@code
 * {"key":"...","list":[{"ext":"100"},{"ext":"200"}]}}. The reply is an {@link
 * ExtensionStatusReply}.
 *
 * @param key the company key
 * @param extensions the extensions to ask about, in order: 1 to {@value #MAX_EXTENSIONS}
 */
public record ExtensionStatusRequest(PbxKey key, List<String> extensions) implements PbxRequest {
  /** Most extensions one request may ask about. */
  public static final int MAX_EXTENSIONS = 1000;

  /** Validates every part; a bad extension is named by its place, {@code list[2].ext}. */
  public ExtensionStatusRequest {
    Text.required("key", key);
    Text.required("list", extensions);
    if (extensions.isEmpty()) {
      throw ProtocolException.field("list", "is empty (name at least one extension)");
    }
    if (extensions.size() > MAX_EXTENSIONS) {
      throw ProtocolException.field(
          "list", "has " + extensions.size() + " extensions (at most " + MAX_EXTENSIONS + ")");
    }
    List<String> checked = new ArrayList<>(extensions.size());
    for (int i = 0; i < extensions.size(); i++) {
      checked.add(Text.identifier("list[" + i + "].ext", extensions.get(i), Text.MAX_IDENTIFIER));
    }
    extensions = List.copyOf(checked);
  }

  @Override
  public PbxApiPath apiPath() {
    return PbxApiPath.EXTENSION_STATUS;
  }

  @Override
  public Optional<String> body() {
    return Optional.of(toJson());
  }

  /** The body, compact: {@code {"key":"...","list":[{"ext":"100"}]}}. Holds the key. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.put("key", key.value());
    ArrayNode list = body.putArray("list");
    extensions.forEach(extension -> list.addObject().put("ext", extension));
    return JsonMappers.text(body);
  }

  /** Reads the body (any spacing; an {@code ext} may be a JSON number). */
  public static ExtensionStatusRequest parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    PbxKey key = WireJson.key(root);
    ArrayNode list = WireJson.array(root, "list", "list");
    if (list.size() > MAX_EXTENSIONS) {
      throw ProtocolException.field(
          "list", "has " + list.size() + " extensions (at most " + MAX_EXTENSIONS + ")");
    }
    List<String> extensions = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode element = WireJson.element(list, i, "list[" + i + "]");
      extensions.add(WireJson.identifier(element, "ext", "list[" + i + "].ext"));
    }
    return new ExtensionStatusRequest(key, extensions);
  }
}
