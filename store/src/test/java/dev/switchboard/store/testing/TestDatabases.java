package dev.switchboard.store.testing;

import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Databases for tests: a fresh SQLite file in a test's temporary folder, or a fresh schema in the
 * PostgreSQL named by {@value #PG_URL_VARIABLE} (tests needing it skip, with the reason, when it is
 * unset: see {@link PostgresTest}).
 */
public final class TestDatabases {
  /** The environment variable holding a PostgreSQL JDBC URL for tests. */
  public static final String PG_URL_VARIABLE = "SWITCHBOARD_TEST_PG_URL";

  private TestDatabases() {}

  /** A new SQLite database file in {@code folder}. */
  public static DatabaseSettings sqlite(Path folder) {
    return DatabaseSettings.of(
        "jdbc:sqlite:" + folder.resolve("test-" + UUID.randomUUID() + ".db"));
  }

  /** Whether PostgreSQL tests can run here. */
  public static boolean postgresAvailable() {
    return System.getenv(PG_URL_VARIABLE) != null && !System.getenv(PG_URL_VARIABLE).isBlank();
  }

  /** A new, empty schema in the test PostgreSQL, or empty when there is none. */
  public static Optional<DatabaseSettings> postgres() {
    if (!postgresAvailable()) {
      return Optional.empty();
    }
    String base = System.getenv(PG_URL_VARIABLE);
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (var connection = DriverManager.getConnection(base);
        var statement = connection.createStatement()) {
      statement.execute("create schema " + schema);
    } catch (SQLException unreachable) {
      throw new IllegalStateException(
          PG_URL_VARIABLE + " is set but PostgreSQL cannot be reached: " + unreachable.getMessage(),
          unreachable);
    }
    String separator = base.contains("?") ? "&" : "?";
    return Optional.of(DatabaseSettings.of(base + separator + "currentSchema=" + schema));
  }
}
