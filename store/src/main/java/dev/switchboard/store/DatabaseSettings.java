package dev.switchboard.store;

import java.util.Objects;

/**
 * Where the database is and how many connections to keep.
 *
 * @param jdbcUrl {@code jdbc:sqlite:data/hub.db} or {@code
 *     jdbc:postgresql://host:5432/db?user=...&password=...}
 * @param maxPoolSize the most connections open at once (at least 2)
 * @param sqliteSync how SQLite commits reach the disk (ignored for PostgreSQL)
 * @param sqliteWalLimitBytes SQLite only: the write-ahead log size past which the background
 *     checkpoint waits briefly for the reads under way and restarts the log (see {@link
 *     WalCheckpoints}); also SQLite's {@code journal_size_limit}
 */
public record DatabaseSettings(
    String jdbcUrl, int maxPoolSize, SqliteSync sqliteSync, long sqliteWalLimitBytes) {

  /** The default {@link #sqliteWalLimitBytes()}: 64 MiB. */
  public static final long DEFAULT_SQLITE_WAL_LIMIT_BYTES = 64L * 1024 * 1024;

  /**
   * SQLite's {@code synchronous} setting in WAL mode. {@link #NORMAL}: a commit is in the log file
   * when it returns, so it survives the process being killed; the last commits can be lost if the
   * machine loses power. {@link #FULL}: also fsyncs the log at every commit, surviving power loss.
   */
  public enum SqliteSync {
    NORMAL,
    FULL
  }

  /** Settings with the default WAL limit ({@link #DEFAULT_SQLITE_WAL_LIMIT_BYTES}). */
  public DatabaseSettings(String jdbcUrl, int maxPoolSize, SqliteSync sqliteSync) {
    this(jdbcUrl, maxPoolSize, sqliteSync, DEFAULT_SQLITE_WAL_LIMIT_BYTES);
  }

  /** Settings with SQLite's default sync ({@link SqliteSync#NORMAL}). */
  public DatabaseSettings(String jdbcUrl, int maxPoolSize) {
    this(jdbcUrl, maxPoolSize, SqliteSync.NORMAL);
  }

  /** Validates the URL (SQLite or PostgreSQL) and the pool size. */
  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(sqliteSync, "sqliteSync");
    Dialect.of(jdbcUrl);
    if (maxPoolSize < 2) {
      throw new IllegalArgumentException(
          "database pool size must be at least 2 (got " + maxPoolSize + ")");
    }
    if (sqliteWalLimitBytes < 64 * 1024) {
      throw new IllegalArgumentException(
          "SQLite WAL limit must be at least 64 KiB (got " + sqliteWalLimitBytes + " bytes)");
    }
  }

  /** Settings with the default pool size (8). */
  public static DatabaseSettings of(String jdbcUrl) {
    return new DatabaseSettings(jdbcUrl, 8);
  }

  /** The dialect of the URL. */
  public Dialect dialect() {
    return Dialect.of(jdbcUrl);
  }

  /** The URL with any password hidden, for messages and logs. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  @Override
  public String toString() {
    return "DatabaseSettings["
        + redactedUrl()
        + ", pool "
        + maxPoolSize
        + ", sqlite sync "
        + sqliteSync
        + ", sqlite wal limit "
        + sqliteWalLimitBytes
        + "]";
  }

  static String redact(String url) {
    return url == null ? "null" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
