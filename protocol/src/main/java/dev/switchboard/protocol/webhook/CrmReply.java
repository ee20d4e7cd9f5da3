package dev.switchboard.protocol.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import java.util.Objects;

/**
 * The CRM's reply to a webhook: {@code {"status code":200,"message":"OK"}}, or on error {@code
 * {"status code":404,"message":"..."}} sent with HTTP 404 (the documents list 404 as the error).
 * Note the space inside the key {@code status code}.
 */
public record CrmReply(int statusCode, String message) {
  /** The success reply. */
  public static final CrmReply OK = new CrmReply(200, "OK");

  /** The documents' error reply. */
  public static final CrmReply NOT_FOUND = new CrmReply(404, "Not Found");

  private static final ObjectMapper JSON = JsonMappers.create();

  /** The message is required. */
  public CrmReply {
    Objects.requireNonNull(message, "message");
  }

  /** An error reply in the documents' shape, with a message naming the problem. */
  public static CrmReply error(String message) {
    return new CrmReply(404, message);
  }

  /** Whether this is the success reply. */
  public boolean isOk() {
    return statusCode == 200;
  }

  /** The HTTP status to send it with: 200 or 404. */
  public int httpStatus() {
    return isOk() ? 200 : 404;
  }

  /** The exact body: {@code {"status code":200,"message":"OK"}}. */
  public String toJson() {
    ObjectNode body = JSON.createObjectNode();
    body.put("status code", statusCode);
    body.put("message", message);
    return JsonMappers.text(body);
  }

  /**
   * Reads a CRM's reply body (any spacing). Throws when it is not JSON or lacks {@code "status
   * code"} as a number or {@code message} as text.
   */
  public static CrmReply parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JacksonException notJson) {
      throw ProtocolException.input("reply is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw ProtocolException.input("reply is not a JSON object");
    }
    JsonNode code = root.get("status code");
    if (code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
      throw ProtocolException.field("status code", "is missing or not a whole number");
    }
    JsonNode message = root.get("message");
    if (message == null || !message.isTextual()) {
      throw ProtocolException.field("message", "is missing or not text");
    }
    return new CrmReply(code.intValue(), message.asText());
  }
}
