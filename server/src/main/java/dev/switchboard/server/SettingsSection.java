package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A free-form part of a settings file (a list of tenants, one tenant's agents), read with the same
 * {@link SettingValues} as every setting, each value named by its path: {@code
 * tenants[0].agents[2].answer_probability: 'high' is not a number}. Unknown fields can be refused
 * with {@link #onlyFields}. Immutable.
 */
public final class SettingsSection {
  private final JsonNode node;
  private final String path;

  SettingsSection(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Where this section is, e.g. {@code tenants[0]}. */
  public String path() {
    return path;
  }

  /** Whether the file has this section. */
  public boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  private String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private Optional<String> value(String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (value.isContainerNode()) {
      throw new SettingsException(name(field) + ": expected a value, not a section");
    }
    return Optional.of(value.asText());
  }

  /** {@code field} as text. */
  public Optional<String> text(String field) {
    return value(field);
  }

  /** {@code field} as text, which must be there and not blank. */
  public String required(String field) {
    return value(field)
        .filter(text -> !text.isBlank())
        .orElseThrow(() -> new SettingsException(name(field) + " is required"));
  }

  /** {@code field} as a whole number. */
  public Optional<Integer> wholeNumber(String field) {
    return value(field).map(text -> SettingValues.wholeNumber(name(field), text));
  }

  /** {@code field} as a number. */
  public Optional<Double> number(String field) {
    return value(field).map(text -> SettingValues.number(name(field), text));
  }

  /** {@code field} as true or false. */
  public Optional<Boolean> flag(String field) {
    return value(field).map(text -> SettingValues.flag(name(field), text));
  }

  /** {@code field} as a duration. */
  public Optional<Duration> duration(String field) {
    return value(field).map(text -> SettingValues.duration(name(field), text));
  }

  /** The sub-section {@code field}. */
  public SettingsSection section(String field) {
    JsonNode child = node.path(field);
    if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
      throw new SettingsException(name(field) + ": expected a section (key: value, ...)");
    }
    return new SettingsSection(child, name(field));
  }

  /** The items of the list {@code field} ({@code field[0]}, ...); none when absent. */
  public List<SettingsSection> list(String field) {
    JsonNode child = node.path(field);
    if (child.isMissingNode() || child.isNull()) {
      return List.of();
    }
    if (!child.isArray()) {
      throw new SettingsException(name(field) + ": expected a list");
    }
    List<SettingsSection> items = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      items.add(new SettingsSection(child.get(i), name(field) + "[" + i + "]"));
    }
    return items;
  }

  /** Whether this section is a plain value (a list item written {@code - "101"}). */
  public boolean isValue() {
    return node.isValueNode();
  }

  /** The plain value of a list item written {@code - "101"}. */
  public String asText() {
    return node.asText();
  }

  /** The entries of a section of plain values ({@code dids: {"19001234": "999"}}), in order. */
  public Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    if (!isPresent()) {
      return entries;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isContainerNode()) {
        throw new SettingsException(name(entry.getKey()) + ": expected a value, not a section");
      }
      entries.put(entry.getKey(), entry.getValue().asText());
    }
    return entries;
  }

  /**
   * Refuses a field not in {@code fields}: a misspelt setting must not be silently ignored.
   *
   * @return this section
   */
  public SettingsSection onlyFields(Set<String> fields) {
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              field -> {
                if (!fields.contains(field)) {
                  throw new SettingsException("config file: unknown setting '" + name(field) + "'");
                }
              });
    }
    return this;
  }
}
