package dev.switchboard.app.hub;

import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.config.HubConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every {@code hub} command shares: where the configuration and database are. The
 * serving command adds where to listen ({@link HubServerOptions}).
 */
public final class HubOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration file (see docs/configuration.md). Env: SWITCHBOARD_CONFIG.")
  Path config;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = {
        "Database (default jdbc:sqlite:data/hub.db). Env: SWITCHBOARD_DB. PostgreSQL:",
        "jdbc:postgresql://HOST/DB?user=USER&password=PASSWORD"
      })
  String database;

  /** Sets the configuration file (for commands that embed the hub). */
  public void config(Path file) {
    this.config = file;
  }

  /** The configuration: these flags over the environment over the file over the defaults. */
  public HubConfig load() {
    return load(Map.of());
  }

  /**
   * The configuration with {@code overrides} (settings by name, as flags of the embedding command)
   * taking the place of flags; this command's own flags win over them.
   */
  public HubConfig load(Map<String, String> overrides) {
    Map<String, String> explicit = new HashMap<>(overrides);
    if (database != null) {
      explicit.put("database.url", database);
    }
    Optional<Path> file =
        Optional.ofNullable(config)
            .or(
                () ->
                    Optional.ofNullable(System.getenv("SWITCHBOARD_CONFIG"))
                        .filter(v -> !v.isBlank())
                        .map(Path::of));
    return HubConfigLoader.load(file, System.getenv(), explicit);
  }
}
