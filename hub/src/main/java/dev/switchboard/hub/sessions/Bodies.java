package dev.switchboard.hub.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.http.Context;

/** Reads a JSON object body, refusing what is not one with a 400 naming the problem. */
final class Bodies {
  private static final ObjectMapper JSON = JsonMappers.create();

  private Bodies() {}

  static JsonNode object(Context ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw ApiException.badRequest("body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
  }

  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw ApiException.badRequest(field + ": is required (a string)");
    }
    return value.asText();
  }
}
