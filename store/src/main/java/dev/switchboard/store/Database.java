package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * An open, migrated database: a connection pool and a JDBI handle over it. SQLite files are opened
 * in WAL mode with {@code synchronous=FULL}, so a committed transaction survives a crash of the
 * process and of the machine. Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final ScheduledExecutorService checkpoints;
  private final WalCheckpoints walCheckpoints;
  private final Pacing pacing;

  /** How long a caller waits for a pooled connection by default before it is told there is none. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Run on every new PostgreSQL connection: each execution of a prepared statement is planned for
   * its values and the table's current size. A generic plan, which the server would otherwise keep
   * for the connection's life after five executions, made while the tables were small or never
   * analyzed (autovacuum off) can read a whole table per query for ever after (issue 14).
   */
  public static final String POSTGRES_SESSION = "set plan_cache_mode = force_custom_plan";

  private Database(
      DatabaseSettings settings, HikariDataSource dataSource, Pacing pacing, boolean background) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.pacing = pacing;
    this.jdbi = Jdbi.create(dataSource);
    boolean sqlite = settings.dialect() == Dialect.SQLITE;
    SqliteTransactions.WriteLock writeLock =
        new SqliteTransactions.WriteLock(busyTimeout(background));
    if (sqlite) {
      jdbi.setTransactionHandler(new SqliteTransactions(writeLock));
    }
    this.walCheckpoints =
        sqlite
            ? new WalCheckpoints(
                dataSource,
                writeLock,
                sqliteFile(settings.jdbcUrl()).map(file -> Path.of(file + "-wal")),
                settings.sqliteWalLimitBytes(),
                CHECKPOINT_READER_WAIT,
                busyTimeout(background))
            : null;
    this.checkpoints = sqlite ? startCheckpoints() : null;
  }

  /**
   * How long a restarting checkpoint waits for the reads under way (it holds the write lock
   * meanwhile, so this is also the longest it makes the writer wait for readers).
   */
  static final Duration CHECKPOINT_READER_WAIT = Duration.ofMillis(100);

  private static Duration busyTimeout(boolean background) {
    // A background writer may wait longer for the lock than a request can.
    return background ? Duration.ofSeconds(60) : Duration.ofSeconds(10);
  }

  /**
   * SQLite folds its write-ahead log back into the database file in checkpoints. Done inside a
   * commit (SQLite's default) it stalls that commit for milliseconds; here a background thread runs
   * {@link WalCheckpoints#runOnce()} every {@value #TICK_MILLIS} ms (see {@link
   * #checkpointTick()}): a passive checkpoint, which never blocks the writer, and a restarting one
   * when the log file is past {@link DatabaseSettings#sqliteWalLimitBytes()} because readers kept
   * the passive ones from resetting it. Frequent passive checkpoints leave the restart little to
   * copy while it holds the writer.
   */
  private ScheduledExecutorService startCheckpoints() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sqlite-checkpoint").daemon().factory());
    executor.scheduleWithFixedDelay(
        this::checkpointTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return executor;
  }

  /** How often a checkpoint runs. */
  private static final long TICK_MILLIS = 100;

  /** Ticks to wait after a restart a read deferred, so the writer is not held back often. */
  private static final int RETRY_AFTER_TICKS = 3;

  // Touched by the checkpoint thread only.
  private int waitTicks;

  /**
   * Every {@value #TICK_MILLIS} ms a checkpoint (a busy writer can add a hundred megabytes of log
   * in a second); after a restart a read deferred, the next try waits {@value #RETRY_AFTER_TICKS}
   * ticks. While a read outlasts the wait, the writer is so held at most {@link
   * #CHECKPOINT_READER_WAIT} in every 400 ms.
   */
  private void checkpointTick() {
    if (waitTicks > 0) {
      waitTicks--;
      return;
    }
    try {
      WalCheckpoints.Checkpoint done = walCheckpoints.runOnce();
      if (done.mode() != WalCheckpoints.Mode.PASSIVE && done.busy()) {
        waitTicks = RETRY_AFTER_TICKS;
      }
    } catch (RuntimeException failed) {
      log.debug("checkpoint failed; the next one will catch up", failed);
    }
  }

  private void checkpoint() {
    try {
      walCheckpoints.runOnce();
    } catch (RuntimeException failed) {
      log.debug("checkpoint failed; the next one will catch up", failed);
    }
  }

  /**
   * The checkpoints that keep a SQLite file's write-ahead log bounded, run in the background (each
   * second, and when the log is past the limit); {@link WalCheckpoints#runOnce()} runs one now.
   * Empty on PostgreSQL.
   */
  public java.util.Optional<WalCheckpoints> walCheckpoints() {
    return java.util.Optional.ofNullable(walCheckpoints);
  }

  /**
   * Opens the database and applies the migrations of {@code module} found under {@code
   * classpath:db/migration/<module>/common} and {@code .../<vendor>}, with a history table of the
   * module's own so several modules can share one database.
   *
   * @throws UnableToOpenDatabaseException naming the database and what went wrong
   */
  public static Database open(DatabaseSettings settings, String module) {
    return open(settings, module, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * Opens the database as {@link #open(DatabaseSettings, String)} does, with callers waiting at
   * most {@code connectionTimeout} for a pooled connection (at least 250 ms, Hikari's floor).
   */
  public static Database open(
      DatabaseSettings settings, String module, Duration connectionTimeout) {
    return open(settings, module, connectionTimeout, false);
  }

  /**
   * Opens the database for a background writer beside a serving process (an import, a sync, a
   * rebuild): on SQLite its writers wait up to a minute for the write lock, and its {@link
   * #pacing()} gives the lock up regularly, so the serving process's writer is never starved.
   */
  public static Database openInBackground(DatabaseSettings settings, String module) {
    return open(settings, module, DEFAULT_CONNECTION_TIMEOUT, true);
  }

  private static Database open(
      DatabaseSettings settings, String module, Duration connectionTimeout, boolean background) {
    HikariDataSource dataSource;
    try {
      dataSource =
          new HikariDataSource(poolConfig(settings, module, connectionTimeout, background));
    } catch (RuntimeException unreachable) {
      throw new UnableToOpenDatabaseException(
          "cannot open database " + settings.redactedUrl() + ": " + rootMessage(unreachable),
          unreachable);
    }
    Database database =
        new Database(
            settings,
            dataSource,
            background ? Pacing.forBackgroundWriter(settings.dialect()) : Pacing.none(),
            background);
    try {
      database.migrate(module, background);
    } catch (FlywayException failed) {
      dataSource.close();
      throw new UnableToOpenDatabaseException(
          "cannot migrate database " + settings.redactedUrl() + ": " + rootMessage(failed), failed);
    }
    return database;
  }

  private static HikariConfig poolConfig(
      DatabaseSettings settings, String module, Duration connectionTimeout, boolean background) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setPoolName(module + "-db");
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
    config.setInitializationFailTimeout(5_000);
    if (settings.dialect() == Dialect.SQLITE) {
      createParentFolder(settings.jdbcUrl());
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", settings.sqliteSync().name());
      config.addDataSourceProperty(
          "busy_timeout", Long.toString(busyTimeout(background).toMillis()));
      config.addDataSourceProperty("foreign_keys", "true");
      // Every transaction begins as a write (BEGIN IMMEDIATE): one that began deferred, read, and
      // then wrote would find another connection's commit in between and fail at once with
      // SQLITE_BUSY(_SNAPSHOT) instead of waiting its turn within busy_timeout.
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      // Checkpoints run on a background thread (see startCheckpoints), not inside a commit.
      config.addDataSourceProperty("wal_autocheckpoint", "0");
      // When the log is started over, a file grown past the limit is cut back to it.
      config.addDataSourceProperty(
          "journal_size_limit", Long.toString(settings.sqliteWalLimitBytes()));
    } else {
      config.setConnectionInitSql(POSTGRES_SESSION);
    }
    return config;
  }

  /** The file of a {@code jdbc:sqlite:PATH} URL; empty for in-memory and {@code file:} URIs. */
  static java.util.Optional<Path> sqliteFile(String jdbcUrl) {
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Path.of(path).toAbsolutePath());
  }

  private static void createParentFolder(String jdbcUrl) {
    Path parent = sqliteFile(jdbcUrl).map(Path::getParent).orElse(null);
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException cannot) {
      throw new UnableToOpenDatabaseException(
          "cannot create the folder " + parent + " for the database: " + cannot.getMessage(),
          cannot);
    }
  }

  private void migrate(String module, boolean background) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(
                "classpath:db/migration/" + module + "/common",
                "classpath:db/migration/" + module + "/" + settings.dialect().vendor())
            .table("flyway_history_" + module)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .failOnMissingLocations(false)
            .load();
    // Migrating takes the write lock for as long as it checks every migration (seconds on a busy
    // SQLite file): a command beside a serving hub only reads whether anything is pending.
    if (background) {
      var info = flyway.info();
      if (info.current() != null && info.pending().length == 0) {
        return;
      }
    }
    var result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      log.info(
          "database {}: applied {} migration(s) of {}, now at version {}",
          settings.redactedUrl(),
          result.migrationsExecuted,
          module,
          result.targetSchemaVersion);
    }
  }

  /**
   * How a writer on this database gives way to a serving process's writer: paced when opened with
   * {@link #openInBackground} on SQLite, else no pacing.
   */
  public Pacing pacing() {
    return pacing;
  }

  /** The JDBI handle for queries and transactions. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Which database this is. */
  public Dialect dialect() {
    return settings.dialect();
  }

  /** The settings it was opened with. */
  public DatabaseSettings settings() {
    return settings;
  }

  /** Whether a connection can be had and answers a trivial query. */
  public boolean isHealthy() {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      return statement.execute("select 1");
    } catch (SQLException down) {
      return false;
    }
  }

  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.shutdownNow();
      try {
        checkpoints.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      checkpoint();
      if (walCheckpoints.restarts() + walCheckpoints.deferrals() > 0) {
        log.info(
            "database {}: write-ahead log restarted {} times past {} MB, {} tries deferred by reads",
            settings.redactedUrl(),
            walCheckpoints.restarts(),
            walCheckpoints.limitBytes() / (1024 * 1024),
            walCheckpoints.deferrals());
      }
    }
    dataSource.close();
  }

  /**
   * Whether {@code failure} (or a cause) says the database could not be reached: no connection
   * within the pool's timeout, a refused or lost connection (SQLSTATE class 08), or a session the
   * server ended (PostgreSQL's 57P01-57P03: terminated by an administrator, a crash, or a server
   * starting or stopping). Such a failure is the database's, not the request's, and retrying later
   * may work.
   */
  public static boolean isConnectionFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} (or a cause) says SQLite's file was locked by another writer for longer
   * than the busy timeout: a long write elsewhere, not a fault, and retrying later works.
   */
  public static boolean isBusy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLiteException sqlite
          && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The innermost cause of {@code failure} as one short line (its type and message, redacted). */
  public static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + rootMessage(cause);
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return DatabaseSettings.redact(message);
  }
}
