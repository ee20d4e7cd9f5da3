package dev.switchboard.hub.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.UnicodeText;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A settings request's JSON object, read field by field: every mistake is a 400 that names the
 * field, and a field the route does not know is refused rather than ignored (a typo would otherwise
 * look like a saved setting).
 */
final class SettingsBody {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final JsonNode body;

  private SettingsBody(JsonNode body) {
    this.body = body;
  }

  /** The request's body, refused unless a JSON object with only {@code known} fields. */
  static SettingsBody of(Context ctx, Set<String> known) {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            name
                + ": unknown field (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
    return new SettingsBody(body);
  }

  boolean has(String field) {
    return body.has(field);
  }

  /** A text field; empty when absent, null or blank. */
  Optional<String> text(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + ": must be text");
    }
    UnicodeText.require(field, value.asText());
    return Optional.of(value.asText().strip()).filter(text -> !text.isEmpty());
  }

  /** A whole-number field; empty when absent or null. */
  Optional<Long> number(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.badRequest(field + ": must be a whole number");
    }
    return Optional.of(value.asLong());
  }

  /** A list of texts; empty when absent or null. */
  Optional<List<String>> texts(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw ApiException.badRequest(field + ": must be a list of text");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.badRequest(field + ": must be a list of text");
      }
      UnicodeText.require(field, item.asText());
      if (!item.asText().isBlank()) {
        list.add(item.asText().strip());
      }
    }
    return Optional.of(list);
  }
}
