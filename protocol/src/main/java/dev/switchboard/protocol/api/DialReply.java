package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.Optional;

/**
 * The PBX's answer to a {@link ClickToCall}. {@code dial} answers with the plain text {@code
 * Success} (what PBXs in the field send); {@code dial_async} with {@code
 * {"result":{"callid":"..."},"message":"OK"}}, so the CRM learns the call before the agent picks
 * up. Any other body is a failure carrying its text.
 *
 * @param success whether the PBX placed the call
 * @param callId the new call's id, when the PBX gave one (only on success)
 * @param message {@code Success}, {@code OK}, or why it failed: control characters as spaces, at
 *     most {@value #MAX_MESSAGE_LENGTH} characters, never blank
 */
public record DialReply(boolean success, Optional<String> callId, String message) {
  /** Longest message kept; a longer body is cut. */
  public static final int MAX_MESSAGE_LENGTH = 200;

  private static final String SUCCESS = "Success";

  /** Validates the parts and shortens the message. */
  public DialReply {
    callId =
        Text.required("callid", callId).map(id -> Text.identifier("callid", id, Text.MAX_CALL_ID));
    if (!success && callId.isPresent()) {
      throw ProtocolException.field("callid", "is given for a failed call");
    }
    message = Text.shortened(Text.required("message", message), MAX_MESSAGE_LENGTH);
    if (message.isEmpty()) {
      message = "empty reply";
    }
  }

  /** {@code dial}'s success: the body {@code Success}. */
  public static DialReply placed() {
    return new DialReply(true, Optional.empty(), SUCCESS);
  }

  /** {@code dial_async}'s success, with the new call's id. */
  public static DialReply accepted(String callId) {
    return new DialReply(true, Optional.of(Text.required("callid", callId)), "OK");
  }

  /** A failure, with a message naming the problem. */
  public static DialReply failure(String message) {
    return new DialReply(false, Optional.empty(), message);
  }

  /**
   * The body the emulator sends: {@code Success} for a success without a call id, {@code
   * {"result":{"callid":".."},"message":".."}} with one, {@code {"result":null,"message":".."}} for
   * a failure.
   */
  public String toBody() {
    if (!success) {
      return PbxReply.error(message);
    }
    if (callId.isEmpty()) {
      return SUCCESS;
    }
    ObjectNode result = WireJson.newObject();
    result.put("callid", callId.get());
    return new PbxReply(Optional.of(result), Optional.of(message)).toJson();
  }

  /**
   * Reads a reply body; never throws. {@code Success} in any case with any surrounding whitespace,
   * or JSON with a non-null {@code result} (its {@code callid} taken when valid), is a success;
   * anything else a failure carrying the body's {@code message}, or the body itself, cut to {@value
   * #MAX_MESSAGE_LENGTH} characters.
   */
  public static DialReply parse(String body) {
    String text = body == null ? "" : body.trim();
    if (text.equalsIgnoreCase(SUCCESS)) {
      return placed();
    }
    JsonNode root;
    try {
      root = WireJson.readTree(text);
    } catch (ProtocolException notJson) {
      return failure(text);
    }
    if (root.isTextual()) {
      return root.textValue().trim().equalsIgnoreCase(SUCCESS) ? placed() : failure(text);
    }
    if (!root.isObject()) {
      return failure(text);
    }
    JsonNode message = WireJson.member(root, "message");
    String said = message != null && message.isTextual() ? message.textValue() : "";
    JsonNode result = WireJson.member(root, "result");
    if (result == null) {
      return failure(said.isBlank() ? text : said);
    }
    return new DialReply(true, callId(result), said.isBlank() ? "OK" : said);
  }

  /** Same as {@link #parse(String)}, with every occurrence of {@code key} in the message hidden. */
  public static DialReply parse(String body, PbxKey key) {
    // Hidden before the body is cut, so no part of the key survives at the cut either.
    return parse(key == null ? body : key.redact(body));
  }

  private static Optional<String> callId(JsonNode result) {
    if (!result.isObject()) {
      return Optional.empty();
    }
    try {
      return WireJson.optionalIdentifier(result, "callid", "callid")
          .map(id -> Text.identifier("callid", id, Text.MAX_CALL_ID));
    } catch (ProtocolException badCallId) {
      // The PBX placed the call even if its id is unusable; the webhooks will name it.
      return Optional.empty();
    }
  }
}
