package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.Optional;

/**
 * The emulator's generic reply, for the calls whose reply the documents leave open (spy, pause in
 * queue): {@code {"result":<data>,"message":"OK"}} on success, {@code
 * {"result":null,"message":"..."}} on failure. The typed replies ({@link ExtensionStatusReply},
 * ...) share the {@code result} member; parse a body here first to tell a failure apart.
 *
 * @param result the data, present exactly when the call succeeded (never JSON null)
 * @param message the PBX's message, when it sent one
 */
public record PbxReply(Optional<JsonNode> result, Optional<String> message) {
  /** Copies the result, so the record stays immutable; a JSON null result means failure. */
  public PbxReply {
    result =
        Text.required("result", result)
            .filter(node -> !node.isNull() && !node.isMissingNode())
            .map(JsonNode::deepCopy);
    Text.required("message", message);
  }

  /** A success carrying {@code result}. */
  public static PbxReply success(JsonNode result) {
    if (result == null || result.isNull() || result.isMissingNode()) {
      throw ProtocolException.field("result", "is missing (a success carries a result)");
    }
    return new PbxReply(Optional.of(result), Optional.of("OK"));
  }

  /** A failure with a message naming the problem. */
  public static PbxReply failure(String message) {
    return new PbxReply(Optional.empty(), Optional.of(Text.required("message", message)));
  }

  /** The success body: {@code {"result":<result>,"message":"OK"}}, compact. */
  public static String ok(JsonNode result) {
    return success(result).toJson();
  }

  /** The failure body: {@code {"result":null,"message":"..."}}, compact. */
  public static String error(String message) {
    return failure(message).toJson();
  }

  /** A copy of the data, when the call succeeded. */
  @Override
  public Optional<JsonNode> result() {
    return result.map(JsonNode::deepCopy);
  }

  /** Whether the call succeeded. */
  public boolean isOk() {
    return result.isPresent();
  }

  /** Why the call failed ({@code no message} when the PBX gave none); empty on success. */
  public Optional<String> errorMessage() {
    return isOk() ? Optional.empty() : Optional.of(message.orElse("no message"));
  }

  /** The body, compact: {@code result} (null on failure), then {@code message} if any. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.set("result", result.isPresent() ? result.get().deepCopy() : body.nullNode());
    message.ifPresent(text -> body.put("message", text));
    return JsonMappers.text(body);
  }

  /**
   * Reads a reply body: a JSON object whose {@code result} is absent or null on failure and whose
   * {@code message}, if present, is text.
   */
  public static PbxReply parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    JsonNode message = WireJson.member(root, "message");
    if (message != null && !message.isTextual()) {
      throw ProtocolException.field("message", "is not text");
    }
    return new PbxReply(
        Optional.ofNullable(WireJson.member(root, "result")),
        Optional.ofNullable(message).map(JsonNode::textValue));
  }
}
