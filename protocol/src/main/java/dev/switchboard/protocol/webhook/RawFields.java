package dev.switchboard.protocol.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.internal.QueryStrings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one webhook as received, in arrival order, from a query string, a form body or a
 * JSON body. Names are matched case-insensitively; a name given twice must carry the same value.
 *
 * <p>Limits: at most {@value #MAX_FIELDS} fields, names of at most {@value #MAX_NAME_LENGTH} and
 * values of at most {@value #MAX_VALUE_LENGTH} characters.
 */
public record RawFields(List<RawField> fields) {
  public static final int MAX_FIELDS = 100;
  public static final int MAX_NAME_LENGTH = 64;
  public static final int MAX_VALUE_LENGTH = 4096;

  private static final ObjectMapper JSON =
      JsonMappers.create()
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Every field name the documents define, on any path. */
  private static final java.util.Set<String> DOCUMENTED =
      java.util.Arrays.stream(WebhookPath.values())
          .flatMap(path -> path.fields().stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Checks the limits and that no name is given twice with different values. */
  public RawFields {
    fields = List.copyOf(fields);
    if (fields.size() > MAX_FIELDS) {
      throw ProtocolException.input(
          "too many fields: " + fields.size() + " (at most " + MAX_FIELDS + ")");
    }
    Map<String, String> seen = new HashMap<>();
    for (RawField field : fields) {
      String name = field.name();
      if (name.isBlank()) {
        throw ProtocolException.input("a field has no name");
      }
      if (name.length() > MAX_NAME_LENGTH) {
        throw ProtocolException.input(
            "field name "
                + Text.quote(name)
                + " is longer than "
                + MAX_NAME_LENGTH
                + " characters");
      }
      if (field.value().length() > MAX_VALUE_LENGTH) {
        throw ProtocolException.field(
            name,
            "is " + field.value().length() + " characters long (at most " + MAX_VALUE_LENGTH + ")");
      }
      String previous = seen.putIfAbsent(normalise(name), field.value());
      if (previous != null && !previous.equals(field.value())) {
        throw ProtocolException.field(
            name,
            "is given twice with different values ("
                + Text.quote(previous)
                + " and "
                + Text.quote(field.value())
                + ")");
      }
    }
  }

  /** Fields from a query string or an {@code application/x-www-form-urlencoded} body. */
  public static RawFields fromQuery(String query) {
    return new RawFields(QueryStrings.parse(query));
  }

  /** Fields from a JSON object whose values are text, numbers, booleans or null. */
  public static RawFields fromJson(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JacksonException notJson) {
      throw ProtocolException.input("body is not JSON: " + firstLine(notJson.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw ProtocolException.input("body is empty (expected a JSON object)");
    }
    if (!root.isObject()) {
      throw ProtocolException.input(
          "body is JSON but not an object (got "
              + root.getNodeType().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    List<RawField> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (value.isContainerNode() && DOCUMENTED.contains(normalise(entry.getKey()))) {
        throw ProtocolException.field(
            entry.getKey(),
            "is a JSON " + (value.isArray() ? "array" : "object") + " (expected text or a number)");
      }
      // A field the documents do not define may be anything: kept as its JSON text.
      String text =
          value.isNull() ? "" : value.isContainerNode() ? JsonMappers.text(value) : value.asText();
      fields.add(new RawField(entry.getKey(), text));
      if (fields.size() > MAX_FIELDS) {
        break; // the constructor names the problem
      }
    }
    return new RawFields(fields);
  }

  /** Fields from name/value pairs, in the map's order. */
  public static RawFields of(Map<String, String> fields) {
    List<RawField> list = new ArrayList<>();
    fields.forEach((name, value) -> list.add(new RawField(name, value)));
    return new RawFields(list);
  }

  /** The value of the field with this name in any case, as received. */
  public Optional<String> get(String name) {
    String wanted = normalise(name);
    for (RawField field : fields) {
      if (normalise(field.name()).equals(wanted)) {
        return Optional.of(field.value());
      }
    }
    return Optional.empty();
  }

  /** Whether the field is present with a non-blank value. */
  public boolean has(String name) {
    return get(name).filter(value -> !value.isBlank()).isPresent();
  }

  /** The fields as a query string, each value percent-encoded. */
  public String toQuery() {
    return QueryStrings.format(fields);
  }

  static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
