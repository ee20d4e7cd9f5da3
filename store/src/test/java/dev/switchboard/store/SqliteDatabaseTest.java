package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseContract {
  @TempDir Path folder;

  @Override
  DatabaseSettings newSettings() {
    return TestDatabases.sqlite(folder);
  }

  @Test
  void fileIsOpenedInWalModeWithNormalSyncByDefault() {
    int sync =
        database
            .jdbi()
            .withHandle(h -> h.createQuery("pragma synchronous").mapTo(Integer.class).one());
    assertThat(sync).isEqualTo(1);
  }

  @Test
  void fullSyncCanBeChosen() {
    database.close();
    database =
        Database.open(
            new DatabaseSettings(
                "jdbc:sqlite:" + folder.resolve("full.db"), 4, DatabaseSettings.SqliteSync.FULL),
            "storetest");
    String mode =
        database
            .jdbi()
            .withHandle(h -> h.createQuery("pragma journal_mode").mapTo(String.class).one());
    int sync =
        database
            .jdbi()
            .withHandle(h -> h.createQuery("pragma synchronous").mapTo(Integer.class).one());
    assertThat(mode).isEqualToIgnoringCase("wal");
    assertThat(sync).isEqualTo(2);
  }

  @Test
  void aWriteLockedOutByAnotherWriterIsToldApartFromOtherFailures() throws Exception {
    String url = "jdbc:sqlite:" + folder.resolve("busy.db");
    try (java.sql.Connection holder = java.sql.DriverManager.getConnection(url);
        java.sql.Connection late = java.sql.DriverManager.getConnection(url)) {
      holder.createStatement().execute("create table t (x integer)");
      holder.createStatement().execute("begin immediate");
      holder.createStatement().execute("insert into t values (1)");
      late.createStatement().execute("pragma busy_timeout = 0");
      java.sql.SQLException locked = null;
      try {
        late.createStatement().execute("insert into t values (2)");
      } catch (java.sql.SQLException expected) {
        locked = expected;
      }
      assertThat((Throwable) locked).isNotNull();
      assertThat(Database.isBusy(new IllegalStateException("job failed", locked))).isTrue();
      assertThat(Database.isConnectionFailure(locked)).isFalse();
      assertThat(Database.isBusy(new IllegalStateException("job failed"))).isFalse();
      assertThat(Database.isBusy(new java.sql.SQLException("syntax error"))).isFalse();
    }
  }

  @Test
  void transactionsThatReadThenWriteBesideAnotherProcessNeverFailBusy() throws Exception {
    // Two pools on one file, as the serving hub and `hub import-contacts` are: each transaction
    // reads, then writes. Begun deferred, the write of one finds the other's commit in between and
    // fails at once (SQLITE_BUSY_SNAPSHOT); begun immediate, it waits its turn.
    try (Database other = Database.open(settings, "storetest")) {
      java.util.concurrent.atomic.AtomicInteger failures =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.List<Thread> writers = new java.util.ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Database pool = w % 2 == 0 ? database : other;
        int writer = w;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 60; i++) {
                        String name = "w" + writer + "-" + i;
                        try {
                          pool.jdbi()
                              .useTransaction(
                                  handle -> {
                                    handle
                                        .createQuery("select count(*) from items")
                                        .mapTo(Integer.class)
                                        .one();
                                    Thread.onSpinWait();
                                    handle
                                        .createUpdate("insert into items (name) values (:name)")
                                        .bind("name", name)
                                        .execute();
                                  });
                        } catch (RuntimeException busy) {
                          failures.incrementAndGet();
                        }
                      }
                    }));
      }
      for (Thread writer : writers) {
        writer.join();
      }
      assertThat(failures.get()).isZero();
      int stored =
          database
              .jdbi()
              .withHandle(
                  h -> h.createQuery("select count(*) from items").mapTo(Integer.class).one());
      assertThat(stored).isEqualTo(8 * 60);
    }
  }

  @Test
  void missingFoldersAreCreated() {
    Path nested = folder.resolve("a/b/hub.db");
    try (Database opened =
        Database.open(DatabaseSettings.of("jdbc:sqlite:" + nested), "storetest")) {
      assertThat(opened.isHealthy()).isTrue();
    }
    assertThat(Files.exists(nested)).isTrue();
  }

  @Test
  void unreachablePostgresGivesAClearErrorWithoutThePassword() {
    assertThatThrownBy(
            () ->
                Database.open(
                    DatabaseSettings.of(
                        "jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret"),
                    "storetest"))
        .isInstanceOf(UnableToOpenDatabaseException.class)
        .hasMessageStartingWith(
            "cannot open database jdbc:postgresql://127.0.0.1:1/none?user=x&password=***")
        .hasMessageNotContaining("secret");
  }

  @Test
  void unknownDatabaseUrlIsRefusedByName() {
    assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://x/y"))
        .hasMessage(
            "database URL must start with jdbc:sqlite: or jdbc:postgresql: (got 'jdbc:mysql://x/y')");
  }
}
