package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log of a real SQLite file stays bounded while readers keep snapshots open, the
 * pattern that grew it to 4 GB in a minute of the many-agent mix (passive checkpoints only).
 */
class WalCheckpointsTest {
  private static final long LIMIT = 256 * 1024;
  private static final int ROWS_PER_ROUND = 10; // about 100 KB of log a round

  @TempDir Path folder;
  private Path file;
  private Database database;
  private WalCheckpoints checkpoints;

  @BeforeEach
  void open() {
    file = folder.resolve("wal.db");
    database =
        Database.open(
            new DatabaseSettings(
                "jdbc:sqlite:" + file, 4, DatabaseSettings.SqliteSync.NORMAL, LIMIT),
            "waltest");
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("create table blobs (id integer primary key, payload blob not null)");
              h.execute("create table ticks (id integer primary key)");
            });
    checkpoints = database.walCheckpoints().orElseThrow();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void walStaysBoundedWhileOverlappingReadersAlwaysHoldASnapshot() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    AtomicReference<Throwable> readerFailed = new AtomicReference<>();
    // One thread, two connections, taking turns: the next snapshot is begun before the previous
    // one ends, so some read is under way at every instant, as under the API's and stream's load.
    Thread readers =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (Connection first = reader();
                      Connection second = reader()) {
                    Connection[] both = {first, second};
                    int turn = 0;
                    while (!stop.get()) {
                      beginRead(both[turn]);
                      both[1 - turn].commit();
                      turn = 1 - turn;
                      reads.incrementAndGet();
                    }
                    both[1 - turn].commit();
                  } catch (Throwable failed) {
                    readerFailed.set(failed);
                  }
                });
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > 10);
      long largest = 0;
      for (int round = 0; round < 30; round++) {
        for (int row = 0; row < ROWS_PER_ROUND; row++) {
          insertRow();
          largest = Math.max(largest, walFileBytes());
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  checkpoints.runOnce();
                  smallCommit();
                  return walFileBytes() <= LIMIT;
                });
      }
      // 30 rounds wrote some 3 MB of log, twelve times the limit; the file never held more than
      // the limit plus one round.
      assertThat(rowCount()).isEqualTo(30 * ROWS_PER_ROUND);
      assertThat(largest).isLessThanOrEqualTo(LIMIT + ROWS_PER_ROUND * 20_000L);
      assertThat(reads.get()).isGreaterThan(30);
    } finally {
      stop.set(true);
      readers.join();
    }
    assertThat(readerFailed.get()).isNull();
  }

  @Test
  void aReadHeldOpenDefersTheTruncationWithoutFailingWritesAndItHappensOnceTheReadEnds()
      throws Exception {
    try (Connection longRead = reader()) {
      beginRead(longRead);
      for (int row = 0; row < 100; row++) {
        insertRow();
      }
      WalCheckpoints.Checkpoint deferred = checkpoints.runOnce();
      assertThat(deferred.mode()).isEqualTo(WalCheckpoints.Mode.RESTART);
      assertThat(deferred.busy()).isTrue();
      assertThat(deferred.walBytes()).isGreaterThan(4 * LIMIT);
      assertThat(walFileBytes()).isGreaterThan(4 * LIMIT);
      assertThat(checkpoints.deferrals()).isPositive();
      assertThat(checkpoints.isPastLimit()).isTrue();
      insertRow(); // the writer still writes
      longRead.commit();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              checkpoints.runOnce();
              smallCommit();
              return walFileBytes() <= LIMIT;
            });
    assertThat(rowCount()).isEqualTo(101);
    assertThat(checkpoints.restarts()).isPositive();
    assertThat(checkpoints.isPastLimit()).isFalse();
  }

  @Test
  void aSmallLogIsOnlyCheckpointedPassively() {
    insertRow();
    WalCheckpoints.Checkpoint checkpoint = checkpoints.runOnce();
    assertThat(checkpoint.mode()).isEqualTo(WalCheckpoints.Mode.PASSIVE);
    assertThat(checkpoint.walBytes()).isBetween(1L, LIMIT);
  }

  private Connection reader() throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    connection.setAutoCommit(false);
    return connection;
  }

  /** Begins a read transaction and takes its snapshot (SQLite takes it at the first read). */
  private static void beginRead(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery("select max(id) from blobs")) {
      result.next();
    }
  }

  private void insertRow() {
    database
        .jdbi()
        .useHandle(h -> h.execute("insert into blobs (payload) values (randomblob(8192))"));
  }

  /**
   * A commit of a few bytes: the first commit after a restart writes the log from its start and
   * cuts the file back to the limit.
   */
  private void smallCommit() {
    database.jdbi().useHandle(h -> h.execute("insert into ticks default values"));
  }

  private int rowCount() {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("select count(*) from blobs").mapTo(Integer.class).one());
  }

  private long walFileBytes() throws java.io.IOException {
    Path wal = Path.of(file + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }
}
