package dev.switchboard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks real replies against the hub's OpenAPI description: the operation exists, the status is
 * one it documents, and a JSON body validates against the documented schema (JSON Schema 2020-12,
 * networknt's validator, with every {@code $ref} into {@code components}). Remembers which
 * operations were seen, so a test can require every one. Thread-safe.
 */
final class OpenApiReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Operation(String method, String template, Pattern pattern, JsonNode node) {}

  private final JsonNode spec;
  private final List<Operation> operations = new ArrayList<>();
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

  OpenApiReplies() {
    try (InputStream in = OpenApiReplies.class.getResourceAsStream("/openapi.json")) {
      spec = JSON.readTree(in);
    } catch (java.io.IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
    spec.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method -> {
                          if (!method.getKey().equals("parameters")) {
                            operations.add(
                                new Operation(
                                    method.getKey().toUpperCase(java.util.Locale.ROOT),
                                    path.getKey(),
                                    Pattern.compile(
                                        path.getKey()
                                            .replace(".", "\\.")
                                            .replaceAll("\\{[^}]+}", "[^/]+")),
                                    method.getValue()));
                          }
                        }));
    // Literal paths before templated ones.
    operations.sort(Comparator.comparingInt(o -> o.template().split("\\{", -1).length));
  }

  /** Every {@code /v1} operation of the description, as {@code METHOD /path}. */
  List<String> v1Operations() {
    return operations.stream()
        .filter(o -> o.template().startsWith("/v1/"))
        .map(o -> o.method() + " " + o.template())
        .sorted()
        .toList();
  }

  /** The operations replies were checked for. */
  Set<String> seen() {
    return seen;
  }

  /** What did not match, one line per reply. */
  List<String> problems() {
    return problems;
  }

  /** Checks one reply; a mismatch is remembered in {@link #problems()}. */
  void check(
      String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
    String path = pathAndQuery.replaceAll("\\?.*$", "");
    Optional<Operation> operation =
        operations.stream()
            .filter(o -> o.method().equals(method) && o.pattern().matcher(path).matches())
            .findFirst();
    String name = method + " " + path;
    if (operation.isEmpty()) {
      problems.add(name + ": no such operation in openapi.json");
      return;
    }
    Operation op = operation.get();
    seen.add(op.method() + " " + op.template());
    JsonNode response = op.node().path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      problems.add(name + ": status " + status + " is not documented (" + body + ")");
      return;
    }
    if (response.has("$ref")) {
      response = spec.at(response.get("$ref").asText().substring(1));
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (!body.isEmpty()) {
        problems.add(name + " " + status + ": a body where none is documented");
      }
      return;
    }
    String type = contentType.orElse("").replaceAll(";.*$", "").strip();
    if (!type.equals("application/json")) {
      boolean documented = false;
      for (var it = content.fieldNames(); it.hasNext(); ) {
        String key = it.next().replaceAll(";.*$", "");
        documented |=
            key.equals(type) || (key.endsWith("/*") && type.startsWith(key.replace("*", "")));
      }
      if (!documented) {
        problems.add(name + " " + status + ": content type '" + type + "' is not documented");
      }
      return;
    }
    JsonNode schema = content.path("application/json").path("schema");
    if (schema.isMissingNode()) {
      problems.add(name + " " + status + ": JSON where no JSON schema is documented");
      return;
    }
    String key = op.method() + " " + op.template() + " " + status;
    Schema compiled =
        schemas.computeIfAbsent(
            key,
            k -> {
              ObjectNode wrapper = ((ObjectNode) schema).deepCopy();
              wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
              wrapper.set("components", spec.get("components"));
              return registry.getSchema(wrapper);
            });
    JsonNode reply;
    try {
      reply = JSON.readTree(body);
    } catch (java.io.IOException notJson) {
      problems.add(name + " " + status + ": not JSON: " + body);
      return;
    }
    var errors = compiled.validate(reply);
    if (!errors.isEmpty()) {
      problems.add(name + " " + status + ": " + errors + " in " + body);
    }
  }
}
