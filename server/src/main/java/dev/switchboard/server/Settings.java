package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One way for every server command to read its settings: a setting has a name as written in the
 * YAML file ({@code http.port}), may be given by an environment variable ({@code SWITCHBOARD_PORT})
 * and by a flag of the command; a flag wins over the environment, which wins over the file, which
 * wins over the default. Values are read by {@link SettingValues}, so a bad one is named the same
 * way everywhere, with where it came from: {@code http.port (from SWITCHBOARD_PORT): 'abc' is not a
 * whole number}. The file's unknown settings are refused. Immutable.
 */
public final class Settings {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final JsonNode file;
  private final Map<String, String> environmentNames;
  private final Map<String, String> environment;
  private final Map<String, String> explicit;

  private Settings(
      JsonNode file,
      Map<String, String> environmentNames,
      Map<String, String> environment,
      Map<String, String> explicit) {
    this.file = file;
    this.environmentNames = Map.copyOf(environmentNames);
    this.environment = environment;
    this.explicit = Map.copyOf(explicit);
  }

  /**
   * The settings of one command.
   *
   * @param file the YAML file, if any
   * @param environmentNames the environment variable of each setting that has one, by setting
   * @param environment the process environment
   * @param explicit settings given as flags, by setting name
   * @param sections the file's top-level settings whose value is free-form (read with {@link
   *     #section}), not checked against {@code environmentNames} and {@code known}
   * @param known settings the file may hold that no variable gives
   * @throws SettingsException naming the file or the setting when the file cannot be read or holds
   *     an unknown setting
   */
  public static Settings load(
      Optional<Path> file,
      Map<String, String> environmentNames,
      Map<String, String> environment,
      Map<String, String> explicit,
      Set<String> sections,
      Set<String> known) {
    JsonNode tree = file.map(Settings::read).orElseGet(YAML::createObjectNode);
    if (!tree.isObject()) {
      throw new SettingsException("config file " + file.orElseThrow() + ": not a YAML mapping");
    }
    checkKnown(tree, "", environmentNames.keySet(), sections, known);
    return new Settings(tree, environmentNames, environment, explicit);
  }

  /** The value of {@code setting} as text, from the first source that has it. */
  public Optional<String> text(String setting) {
    return value(setting).map(Value::text);
  }

  /** {@code setting} as a whole number. */
  public Optional<Integer> wholeNumber(String setting) {
    return value(setting).map(v -> SettingValues.wholeNumber(v.label(setting), v.text()));
  }

  /** {@code setting} as a whole number that may be large. */
  public Optional<Long> longNumber(String setting) {
    return value(setting).map(v -> SettingValues.longNumber(v.label(setting), v.text()));
  }

  /** {@code setting} as a number. */
  public Optional<Double> number(String setting) {
    return value(setting).map(v -> SettingValues.number(v.label(setting), v.text()));
  }

  /** {@code setting} as true or false. */
  public Optional<Boolean> flag(String setting) {
    return value(setting).map(v -> SettingValues.flag(v.label(setting), v.text()));
  }

  /** {@code setting} as a duration ({@code 30s}, {@code 5m}, {@code PT4H}). */
  public Optional<Duration> duration(String setting) {
    return value(setting).map(v -> SettingValues.duration(v.label(setting), v.text()));
  }

  /** The free-form section {@code name} of the file (absent when the file has none). */
  public SettingsSection section(String name) {
    return new SettingsSection(file, "").section(name);
  }

  /** The items of the file's free-form list {@code name} ({@code name[0]}, ...). */
  public List<SettingsSection> list(String name) {
    return new SettingsSection(file, "").list(name);
  }

  /** Whether the file has the top-level setting or section {@code name}. */
  public boolean fileHas(String name) {
    return file.has(name);
  }

  /** A value and where it came from: a flag, a variable, or the file (no source named). */
  private record Value(String text, Optional<String> source) {
    String label(String setting) {
      return setting + source.map(s -> " (from " + s + ")").orElse("");
    }
  }

  private Optional<Value> value(String setting) {
    String flag = explicit.get(setting);
    if (flag != null) {
      return Optional.of(new Value(flag, Optional.empty()));
    }
    String variable = environmentNames.get(setting);
    if (variable != null) {
      String fromEnvironment = environment.get(variable);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return Optional.of(new Value(fromEnvironment, Optional.of(variable)));
      }
    }
    JsonNode node = file;
    for (String part : setting.split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (node.isContainerNode()) {
      throw new SettingsException(setting + ": expected a value, not a section");
    }
    return Optional.of(new Value(node.asText(), Optional.empty()));
  }

  private static JsonNode read(Path path) {
    try {
      JsonNode tree = YAML.readTree(Files.readString(path));
      return tree == null ? YAML.createObjectNode() : tree;
    } catch (NoSuchFileException missing) {
      throw new SettingsException("config file " + path + " does not exist");
    } catch (IOException unreadable) {
      throw new SettingsException(
          "config file " + path + ": " + unreadable.getMessage().split("\n")[0]);
    }
  }

  private static void checkKnown(
      JsonNode node, String prefix, Set<String> named, Set<String> sections, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String setting = prefix.isEmpty() ? name : prefix + "." + name;
              if (prefix.isEmpty() && sections.contains(name)) {
                return;
              }
              JsonNode child = node.get(name);
              boolean isSetting = named.contains(setting) || known.contains(setting);
              if (child.isObject() && !isSetting) {
                boolean isSection =
                    named.stream().anyMatch(key -> key.startsWith(setting + "."))
                        || known.stream().anyMatch(key -> key.startsWith(setting + "."));
                if (!isSection) {
                  throw new SettingsException("config file: unknown section '" + setting + "'");
                }
                checkKnown(child, setting, named, sections, known);
              } else if (!isSetting) {
                throw new SettingsException("config file: unknown setting '" + setting + "'");
              }
            });
  }
}
