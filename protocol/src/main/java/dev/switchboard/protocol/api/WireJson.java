package dev.switchboard.protocol.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reading and writing the JSON bodies of the API. Members are looked up by exact name first, then
 * in any case. Error messages never echo Jackson's own text, which may quote the body (and so the
 * key). Stateless and thread-safe.
 */
final class WireJson {
  /** Rejects duplicate members (which {@code key} would win?) and text after the JSON value. */
  private static final ObjectMapper MAPPER =
      JsonMappers.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private WireJson() {}

  static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode newArray() {
    return MAPPER.createArrayNode();
  }

  /** Reads any JSON value. */
  static JsonNode readTree(String body) {
    if (body == null || body.isBlank()) {
      throw ProtocolException.input("body is empty (expected JSON)");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ProtocolException.input("body is empty (expected JSON)");
      }
      return node;
    } catch (JacksonException notJson) {
      throw ProtocolException.input("body is not JSON" + where(notJson.getLocation()));
    }
  }

  /** Reads a JSON object. */
  static ObjectNode readObject(String body) {
    JsonNode node = readTree(body);
    if (!node.isObject()) {
      throw ProtocolException.input("body is not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** The member called {@code name} (exact, else in any case); null when absent or JSON null. */
  static JsonNode member(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact == null) {
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          exact = entry.getValue();
          break;
        }
      }
    }
    return exact == null || exact.isNull() ? null : exact;
  }

  /** A required JSON string. */
  static String string(JsonNode object, String name, String field) {
    JsonNode node = member(object, name);
    if (node == null) {
      throw ProtocolException.field(field, "is missing");
    }
    if (!node.isTextual()) {
      throw ProtocolException.field(field, "is not text");
    }
    return node.textValue();
  }

  /** A required identifier: a JSON string, or a whole number read as its digits. */
  static String identifier(JsonNode object, String name, String field) {
    JsonNode node = member(object, name);
    if (node == null) {
      throw ProtocolException.field(field, "is missing");
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (!node.isTextual()) {
      throw ProtocolException.field(field, "is not text");
    }
    return node.textValue();
  }

  /** An optional identifier or text: absent, null and blank text all mean none. */
  static Optional<String> optionalIdentifier(JsonNode object, String name, String field) {
    if (member(object, name) == null) {
      return Optional.empty();
    }
    return Optional.of(identifier(object, name, field)).filter(text -> !text.isBlank());
  }

  /** The company key, a JSON string. */
  static PbxKey key(JsonNode object) {
    return new PbxKey(string(object, "key", "key"));
  }

  /** A required JSON array. */
  static ArrayNode array(JsonNode object, String name, String field) {
    JsonNode node = member(object, name);
    if (node == null) {
      throw ProtocolException.field(field, "is missing");
    }
    if (!node.isArray()) {
      throw ProtocolException.field(field, "is not a list");
    }
    return (ArrayNode) node;
  }

  /** Element {@code index} of a list, which must be an object. */
  static JsonNode element(ArrayNode array, int index, String field) {
    JsonNode node = array.get(index);
    if (!node.isObject()) {
      throw ProtocolException.field(field, "is not an object");
    }
    return node;
  }

  /** A whole number of at least 0, sent as a JSON number or as digits in text; "" means none. */
  static Optional<Long> count(JsonNode object, String name, String field) {
    JsonNode node = member(object, name);
    if (node == null) {
      return Optional.empty();
    }
    long value;
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException notNumber) {
        throw ProtocolException.field(
            field, Text.quote(Text.shortened(text, 60)) + " is not a whole number");
      }
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.longValue();
    } else {
      throw ProtocolException.field(field, "is not a whole number");
    }
    if (value < 0) {
      throw ProtocolException.field(field, "is negative");
    }
    return Optional.of(value);
  }

  /**
   * The {@code result} of a reply. A reply in the error shape {@code {"result":null,"message":..}}
   * is reported with the PBX's message.
   */
  static JsonNode result(JsonNode root) {
    JsonNode result = member(root, "result");
    if (result != null) {
      return result;
    }
    JsonNode message = member(root, "message");
    if (message != null && message.isTextual()) {
      throw ProtocolException.field(
          "result",
          "is empty: the PBX answered with an error: "
              + Text.quote(Text.shortened(message.textValue(), 200)));
    }
    throw ProtocolException.field("result", "is missing");
  }

  /**
   * Builds a record from one list element, naming a problem in it by its place in the body: {@code
   * field status} becomes {@code field result[2].status}.
   */
  static <T> T at(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (ProtocolException problem) {
      if (problem.field() == null || problem.field().startsWith(prefix)) {
        throw problem;
      }
      String lead = "field " + problem.field() + ": ";
      String message = problem.getMessage();
      String text = message.startsWith(lead) ? message.substring(lead.length()) : message;
      throw ProtocolException.field(prefix + "." + problem.field(), text);
    }
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
