package dev.switchboard.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@link HubConfig} from, in order of precedence: explicit values (flags), the environment
 * ({@code SWITCHBOARD_PORT}, {@code SWITCHBOARD_DB}, ...), a YAML file, the defaults. An unknown or
 * malformed setting fails with a message naming it.
 *
 * <pre>
 * http: {host: 0.0.0.0, port: 8080, max_request_bytes: 65536, public_url: "https://crm.example.com"}
 * database: {url: "jdbc:sqlite:data/hub.db", pool_size: 8, sqlite_sync: normal}
 * intake: {bare_seed_paths: loopback, rate_per_second: 200, rate_burst: 2000, queue: 10000, batch: 500}
 * calls: {sweep_after: 4h, sweep_every: 1m}
 * stream: {buffer: 1000, heartbeat: 15s, max_replay: 10000}
 * reconcile: {window: 2h, every: 5m, status_every: 1m}
 * api_token: "..."
 * </pre>
 */
public final class HubConfigLoader {
  /** Environment variables read, by setting. */
  public static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("http.host", "SWITCHBOARD_HOST"),
          Map.entry("http.port", "SWITCHBOARD_PORT"),
          Map.entry("http.max_request_bytes", "SWITCHBOARD_MAX_REQUEST_BYTES"),
          Map.entry("http.public_url", "SWITCHBOARD_PUBLIC_URL"),
          Map.entry("database.url", "SWITCHBOARD_DB"),
          Map.entry("database.pool_size", "SWITCHBOARD_DB_POOL_SIZE"),
          Map.entry("database.sqlite_sync", "SWITCHBOARD_DB_SQLITE_SYNC"),
          Map.entry("intake.bare_seed_paths", "SWITCHBOARD_BARE_SEED_PATHS"),
          Map.entry("intake.rate_per_second", "SWITCHBOARD_RATE_PER_SECOND"),
          Map.entry("intake.rate_burst", "SWITCHBOARD_RATE_BURST"),
          Map.entry("intake.queue", "SWITCHBOARD_INTAKE_QUEUE"),
          Map.entry("intake.batch", "SWITCHBOARD_INTAKE_BATCH"),
          Map.entry("calls.sweep_after", "SWITCHBOARD_SWEEP_AFTER"),
          Map.entry("calls.sweep_every", "SWITCHBOARD_SWEEP_EVERY"),
          Map.entry("stream.buffer", "SWITCHBOARD_STREAM_BUFFER"),
          Map.entry("stream.heartbeat", "SWITCHBOARD_STREAM_HEARTBEAT"),
          Map.entry("stream.max_replay", "SWITCHBOARD_STREAM_MAX_REPLAY"),
          Map.entry("reconcile.window", "SWITCHBOARD_RECONCILE_WINDOW"),
          Map.entry("reconcile.every", "SWITCHBOARD_RECONCILE_EVERY"),
          Map.entry("reconcile.status_every", "SWITCHBOARD_STATUS_POLL_EVERY"),
          Map.entry("api_token", "SWITCHBOARD_API_TOKEN"));

  private final JsonNode file;
  private final Map<String, String> environment;
  private final Map<String, String> explicit;

  private HubConfigLoader(
      JsonNode file, Map<String, String> environment, Map<String, String> explicit) {
    this.file = file;
    this.environment = environment;
    this.explicit = explicit;
  }

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, if any
   * @param environment the process environment
   * @param explicit settings given as flags, by setting name ({@code http.port})
   */
  public static HubConfig load(
      Optional<Path> file, Map<String, String> environment, Map<String, String> explicit) {
    JsonNode tree =
        file.map(HubConfigLoader::read).orElseGet(() -> new ObjectMapper().createObjectNode());
    checkKnown(tree, "");
    return new HubConfigLoader(tree, environment, explicit).bind();
  }

  private HubConfig bind() {
    HubConfig d = HubConfig.defaults();
    return new HubConfig(
        new HubConfig.Http(
            text("http.host").orElse(d.http().host()),
            integer("http.port").orElse(d.http().port()),
            integer("http.max_request_bytes")
                .map(Integer::longValue)
                .orElse(d.http().maxRequestBytes()),
            text("http.public_url").filter(v -> !v.isBlank())),
        database(
            text("database.url").orElse(d.database().jdbcUrl()),
            integer("database.pool_size").orElse(d.database().maxPoolSize()),
            text("database.sqlite_sync").orElse(d.database().sqliteSync().name())),
        new HubConfig.Intake(
            text("intake.bare_seed_paths")
                .map(v -> networks("intake.bare_seed_paths", v))
                .orElse(d.intake().bareSeedPaths()),
            integer("intake.rate_per_second").orElse(d.intake().ratePerSecond()),
            integer("intake.rate_burst").orElse(d.intake().rateBurst()),
            integer("intake.queue").orElse(d.intake().queueCapacity()),
            integer("intake.batch").orElse(d.intake().maxBatch())),
        new HubConfig.Calls(
            text("calls.sweep_after")
                .map(v -> Durations.parse("calls.sweep_after", v))
                .orElse(d.calls().sweepAfter()),
            text("calls.sweep_every")
                .map(v -> Durations.parse("calls.sweep_every", v))
                .orElse(d.calls().sweepEvery())),
        new HubConfig.Stream(
            integer("stream.buffer").orElse(d.stream().bufferPerClient()),
            text("stream.heartbeat")
                .map(v -> Durations.parse("stream.heartbeat", v))
                .orElse(d.stream().heartbeat()),
            integer("stream.max_replay").orElse(d.stream().maxReplayEvents())),
        new HubConfig.Reconcile(
            duration("reconcile.window", d.reconcile().window()),
            duration("reconcile.every", d.reconcile().every()),
            duration("reconcile.status_every", d.reconcile().statusEvery())),
        text("api_token"));
  }

  private static DatabaseSettings database(String url, int poolSize, String sync) {
    DatabaseSettings.SqliteSync sqliteSync;
    try {
      sqliteSync =
          DatabaseSettings.SqliteSync.valueOf(sync.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException bad) {
      throw new ConfigException("database.sqlite_sync: '" + sync + "' is not normal or full");
    }
    try {
      return new DatabaseSettings(url, poolSize, sqliteSync);
    } catch (IllegalArgumentException bad) {
      throw new ConfigException(
          "database (database.url / SWITCHBOARD_DB, database.pool_size): " + bad.getMessage());
    }
  }

  private Optional<String> text(String setting) {
    if (explicit.get(setting) != null) {
      return Optional.of(explicit.get(setting));
    }
    String variable = ENVIRONMENT.get(setting);
    if (variable != null
        && environment.get(variable) != null
        && !environment.get(variable).isBlank()) {
      return Optional.of(environment.get(variable));
    }
    JsonNode node = file;
    for (String part : setting.split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (node.isContainerNode()) {
      throw new ConfigException(setting + ": expected a value, not a section");
    }
    return Optional.of(node.asText());
  }

  private java.time.Duration duration(String setting, java.time.Duration fallback) {
    return text(setting).map(v -> Durations.parse(setting, v)).orElse(fallback);
  }

  private Optional<Integer> integer(String setting) {
    return text(setting)
        .map(
            value -> {
              try {
                return Integer.parseInt(value.strip());
              } catch (NumberFormatException notANumber) {
                throw new ConfigException(setting + ": '" + value + "' is not a whole number");
              }
            });
  }

  private static SourceNetworks networks(String setting, String value) {
    try {
      return SourceNetworks.parse(value);
    } catch (IllegalArgumentException bad) {
      throw new ConfigException(setting + ": " + bad.getMessage());
    }
  }

  private static JsonNode read(Path path) {
    try {
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
      return tree == null ? new ObjectMapper().createObjectNode() : tree;
    } catch (java.nio.file.NoSuchFileException missing) {
      throw new ConfigException("config file " + path + " does not exist");
    } catch (IOException unreadable) {
      throw new ConfigException(
          "config file " + path + ": " + unreadable.getMessage().split("\n")[0]);
    }
  }

  private static void checkKnown(JsonNode node, String prefix) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String setting = prefix.isEmpty() ? name : prefix + "." + name;
              JsonNode child = node.get(name);
              if (child.isObject()) {
                boolean known =
                    ENVIRONMENT.keySet().stream().anyMatch(key -> key.startsWith(setting + "."));
                if (!known) {
                  throw new ConfigException("config file: unknown section '" + setting + "'");
                }
                checkKnown(child, setting);
              } else if (!ENVIRONMENT.containsKey(setting)) {
                throw new ConfigException("config file: unknown setting '" + setting + "'");
              }
            });
  }
}
