package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTransactionsTest {
  @TempDir Path folder;
  private DatabaseSettings settings;
  private Database database;
  private Jdbi jdbi;

  @BeforeEach
  void open() {
    settings = TestDatabases.sqlite(folder);
    database = Database.open(settings, "txtest");
    jdbi = database.jdbi();
    jdbi.useHandle(h -> h.execute("create table t (x integer not null)"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aWriterWaitsForAnotherOfTheProcessInTurnNotInSqlitesPolling() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread first =
        Thread.ofPlatform()
            .start(
                () ->
                    run(
                        failed,
                        () ->
                            jdbi.useTransaction(
                                h -> {
                                  h.execute("insert into t values (1)");
                                  holding.countDown();
                                  release.await();
                                })));
    holding.await();
    Thread second =
        Thread.ofPlatform()
            .start(
                () ->
                    run(
                        failed,
                        () -> jdbi.useTransaction(h -> h.execute("insert into t values (2)"))));
    // Parked on the process's lock: SQLite's busy handler would sleep in native code (RUNNABLE).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> second.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    first.join();
    second.join();
    assertThat(failed.get()).isNull();
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void aFailedTransactionIsRolledBackAndLetsTheNextWriterIn() {
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("insert into t values (1)");
                      h.execute("insert into t values (null)");
                    }))
        .hasMessageContaining("NOT NULL");
    assertThat(rows()).isZero();
    jdbi.useTransaction(h -> h.execute("insert into t values (3)"));
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aHandleClosedInATransactionRollsItBackAndLetsTheNextWriterIn() {
    Handle handle = jdbi.open();
    handle.begin();
    handle.execute("insert into t values (1)");
    assertThatThrownBy(handle::close).isInstanceOf(TransactionException.class);
    assertThat(rows()).isZero();
    jdbi.useTransaction(h -> h.execute("insert into t values (2)"));
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aCommitLeavesTheConnectionInAutoCommitAndCommitted() throws Exception {
    try (Handle handle = jdbi.open()) {
      handle.useTransaction(h -> h.execute("insert into t values (1)"));
      assertThat(handle.isInTransaction()).isFalse();
      assertThat(handle.getConnection().getAutoCommit()).isTrue();
      handle.execute("insert into t values (2)");
      // Seen from another connection at once: nothing is left open on this one.
      assertThat(rows()).isEqualTo(2);
      try (var other = java.sql.DriverManager.getConnection(settings.jdbcUrl());
          var statement = other.createStatement()) {
        statement.execute("pragma busy_timeout = 0");
        statement.execute("begin immediate");
        statement.execute("rollback");
      }
    }
  }

  @Test
  void aWriterKeptOutPastTheWaitFailsAsSqlitesBusyError() {
    Jdbi quick =
        Jdbi.create(settings.jdbcUrl())
            .setTransactionHandler(
                new SqliteTransactions(new SqliteTransactions.WriteLock(Duration.ofMillis(200))));
    try (Handle holder = quick.open();
        Handle late = quick.open()) {
      holder.begin();
      assertThatThrownBy(late::begin)
          .isInstanceOf(TransactionException.class)
          .satisfies(busy -> assertThat(Database.isBusy(busy)).isTrue())
          .rootCause()
          .hasMessageContaining("held the write lock for more than 200 ms");
      holder.rollback();
      late.begin();
      late.commit();
    }
  }

  private int rows() {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from t").mapTo(Integer.class).one());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void run(AtomicReference<Throwable> failed, Body body) {
    try {
      body.run();
    } catch (Throwable thrown) {
      failed.set(thrown);
    }
  }
}
