package dev.switchboard.hub.config;

import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.server.Settings;
import dev.switchboard.server.SettingsException;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@link HubConfig} from, in order of precedence: explicit values (flags), the environment
 * ({@code SWITCHBOARD_PORT}, {@code SWITCHBOARD_DB}, ...), a YAML file, the defaults, through the
 * servers' one {@link Settings} binder. An unknown or malformed setting fails with a message naming
 * it.
 *
 * <pre>
 * http: {host: 0.0.0.0, port: 8080, max_request_bytes: 65536, public_url: "https://crm.example.com"}
 * database: {url: "jdbc:sqlite:data/hub.db", pool_size: 8, sqlite_sync: normal, sqlite_wal_limit_mb: 64}
 * intake: {bare_seed_paths: loopback, rate_per_second: 10000, rate_burst: 50000, queue: 10000, batch: 500}
 * calls: {sweep_after: 4h, sweep_every: 1m}
 * stream: {buffer: 1000, heartbeat: 15s, max_replay: 10000}
 * reconcile: {window: 2h, every: 5m, status_every: 1m}
 * console: {session_idle: 30m, session_max: 12h}
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
          Map.entry("database.sqlite_wal_limit_mb", "SWITCHBOARD_DB_SQLITE_WAL_LIMIT_MB"),
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
          Map.entry("console.session_idle", "SWITCHBOARD_SESSION_IDLE"),
          Map.entry("console.session_max", "SWITCHBOARD_SESSION_MAX"),
          Map.entry("api_token", "SWITCHBOARD_API_TOKEN"));

  /** Settings of the file that no environment variable gives. */
  private static final Set<String> FILE_ONLY = Set.of();

  private final Settings settings;

  private HubConfigLoader(Settings settings) {
    this.settings = settings;
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
    return new HubConfigLoader(
            Settings.load(file, ENVIRONMENT, environment, explicit, Set.of(), FILE_ONLY))
        .bind();
  }

  private HubConfig bind() {
    HubConfig d = HubConfig.defaults();
    return new HubConfig(
        new HubConfig.Http(
            settings.text("http.host").orElse(d.http().host()),
            settings.wholeNumber("http.port").orElse(d.http().port()),
            settings
                .wholeNumber("http.max_request_bytes")
                .map(Integer::longValue)
                .orElse(d.http().maxRequestBytes()),
            settings.text("http.public_url").filter(v -> !v.isBlank())),
        database(
            settings.text("database.url").orElse(d.database().jdbcUrl()),
            settings.wholeNumber("database.pool_size").orElse(d.database().maxPoolSize()),
            settings.text("database.sqlite_sync").orElse(d.database().sqliteSync().name()),
            settings
                .wholeNumber("database.sqlite_wal_limit_mb")
                .orElse((int) (d.database().sqliteWalLimitBytes() / MEGABYTE))),
        new HubConfig.Intake(
            settings
                .text("intake.bare_seed_paths")
                .map(v -> networks("intake.bare_seed_paths", v))
                .orElse(d.intake().bareSeedPaths()),
            settings.wholeNumber("intake.rate_per_second").orElse(d.intake().ratePerSecond()),
            settings.wholeNumber("intake.rate_burst").orElse(d.intake().rateBurst()),
            settings.wholeNumber("intake.queue").orElse(d.intake().queueCapacity()),
            settings.wholeNumber("intake.batch").orElse(d.intake().maxBatch())),
        new HubConfig.Calls(
            settings.duration("calls.sweep_after").orElse(d.calls().sweepAfter()),
            settings.duration("calls.sweep_every").orElse(d.calls().sweepEvery())),
        new HubConfig.Stream(
            settings.wholeNumber("stream.buffer").orElse(d.stream().bufferPerClient()),
            settings.duration("stream.heartbeat").orElse(d.stream().heartbeat()),
            settings.wholeNumber("stream.max_replay").orElse(d.stream().maxReplayEvents())),
        new HubConfig.Reconcile(
            settings.duration("reconcile.window").orElse(d.reconcile().window()),
            settings.duration("reconcile.every").orElse(d.reconcile().every()),
            settings.duration("reconcile.status_every").orElse(d.reconcile().statusEvery())),
        new HubConfig.Console(
            settings.duration("console.session_idle").orElse(d.console().sessionIdle()),
            settings.duration("console.session_max").orElse(d.console().sessionMax())),
        settings.text("api_token"));
  }

  private static final long MEGABYTE = 1024 * 1024;

  private static DatabaseSettings database(
      String url, int poolSize, String sync, int walLimitMegabytes) {
    DatabaseSettings.SqliteSync sqliteSync;
    try {
      sqliteSync =
          DatabaseSettings.SqliteSync.valueOf(sync.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException bad) {
      throw new SettingsException("database.sqlite_sync: '" + sync + "' is not normal or full");
    }
    if (walLimitMegabytes < 1) {
      throw new SettingsException(
          "database.sqlite_wal_limit_mb: must be at least 1 (got " + walLimitMegabytes + ")");
    }
    try {
      return new DatabaseSettings(url, poolSize, sqliteSync, walLimitMegabytes * MEGABYTE);
    } catch (IllegalArgumentException bad) {
      throw new SettingsException(
          "database (database.url / SWITCHBOARD_DB, database.pool_size): " + bad.getMessage());
    }
  }

  private static SourceNetworks networks(String setting, String value) {
    try {
      return SourceNetworks.parse(value);
    } catch (IllegalArgumentException bad) {
      throw new SettingsException(setting + ": " + bad.getMessage());
    }
  }
}
