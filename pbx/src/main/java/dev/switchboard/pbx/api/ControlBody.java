package dev.switchboard.pbx.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A control API request body: a JSON object whose members are read by name, each problem reported
 * as a 400 naming the member ({@code field after: is not a number of seconds}). Immutable.
 */
final class ControlBody {
  private static final ObjectMapper JSON =
      JsonMappers.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final ObjectNode root;

  private ControlBody(ObjectNode root) {
    this.root = root;
  }

  /** Reads {@code body}, which must be a JSON object; an empty body is an empty object. */
  static ControlBody parse(String body) {
    if (body == null || body.isBlank()) {
      return new ControlBody(JSON.createObjectNode());
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException notJson) {
      // Jackson's own message may quote the body; say only where it broke.
      var at = notJson.getLocation();
      throw ApiFailure.badRequest(
          "body is not JSON"
              + (at == null || at.getLineNr() < 1
                  ? ""
                  : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (node == null || !node.isObject()) {
      throw ApiFailure.badRequest("body is not a JSON object");
    }
    return new ControlBody((ObjectNode) node);
  }

  /** A required text member (a whole number is read as its digits). */
  String text(String name) {
    return optionalText(name).orElseThrow(() -> field(name, "is missing"));
  }

  /** An optional text member; absent, null and blank mean none. */
  Optional<String> optionalText(String name) {
    JsonNode node = member(name);
    if (node == null) {
      return Optional.empty();
    }
    if (node.isIntegralNumber()) {
      return Optional.of(node.bigIntegerValue().toString());
    }
    if (!node.isTextual()) {
      throw field(name, "is not text");
    }
    return Optional.of(node.textValue().strip()).filter(text -> !text.isEmpty());
  }

  /** An optional true or false. */
  Optional<Boolean> optionalBoolean(String name) {
    JsonNode node = member(name);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw field(name, "is not true or false");
    }
    return Optional.of(node.booleanValue());
  }

  /**
   * An optional number of seconds, from 0 to {@code max}; fractions are kept to the millisecond.
   */
  Optional<Duration> optionalSeconds(String name, Duration max) {
    JsonNode node = member(name);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      throw field(name, "is not a number of seconds");
    }
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      // 1e309 and beyond: read as an infinite double, which has no decimal value.
      throw field(
          name,
          node.doubleValue() < 0 ? "is negative" : "is more than " + max.toSeconds() + " seconds");
    }
    BigDecimal seconds = node.decimalValue();
    if (seconds.signum() < 0) {
      throw field(name, "is negative");
    }
    if (seconds.compareTo(BigDecimal.valueOf(max.toSeconds())) > 0) {
      throw field(name, "is more than " + max.toSeconds() + " seconds");
    }
    return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
  }

  private JsonNode member(String name) {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? null : node;
  }

  /** A 400 naming the member. */
  static ApiFailure field(String name, String problem) {
    return ApiFailure.badRequest("field " + name + ": " + problem);
  }
}
