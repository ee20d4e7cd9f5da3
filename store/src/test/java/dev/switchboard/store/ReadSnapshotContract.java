package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReadSnapshot} on each database: one state for all its reads, and writers not held. */
abstract class ReadSnapshotContract {
  private Database database;
  private Jdbi jdbi;

  abstract DatabaseSettings newSettings();

  @BeforeEach
  void open() {
    database = Database.open(newSettings(), "snapshottest");
    jdbi = database.jdbi();
    jdbi.useHandle(
        h -> {
          h.execute("drop table if exists snapshot_rows");
          h.execute("create table snapshot_rows (x integer not null)");
          h.execute("insert into snapshot_rows values (1)");
        });
  }

  @AfterEach
  void close() {
    jdbi.useHandle(h -> h.execute("drop table if exists snapshot_rows"));
    database.close();
  }

  @Test
  void aWriterCommitsWhileTheSnapshotIsReadAndTheSnapshotDoesNotSeeIt() throws Exception {
    CountDownLatch firstReadDone = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    CompletableFuture<int[]> counts =
        CompletableFuture.supplyAsync(
            () ->
                ReadSnapshot.of(
                    jdbi,
                    h -> {
                      int before = rows(h);
                      firstReadDone.countDown();
                      await(written);
                      return new int[] {before, rows(h)};
                    }));
    assertThat(firstReadDone.await(10, TimeUnit.SECONDS)).isTrue();
    // With the snapshot open: a transaction that held the write lock would keep this out.
    jdbi.useTransaction(h -> h.execute("insert into snapshot_rows values (2)"));
    written.countDown();
    assertThat(counts.get(10, TimeUnit.SECONDS)).containsExactly(1, 1);
    assertThat(jdbi.withHandle(ReadSnapshotContract::rows)).isEqualTo(2);
  }

  @Test
  void aFailedReadEndsTheSnapshotAndTheConnectionServesOn() {
    assertThatThrownBy(() -> ReadSnapshot.of(jdbi, h -> h.execute("select * from no_such_table")))
        .hasMessageContaining("no_such_table");
    assertThat(ReadSnapshot.of(jdbi, ReadSnapshotContract::rows)).isEqualTo(1);
    jdbi.useTransaction(h -> h.execute("insert into snapshot_rows values (3)"));
    assertThat(ReadSnapshot.of(jdbi, ReadSnapshotContract::rows)).isEqualTo(2);
  }

  private static int rows(org.jdbi.v3.core.Handle handle) {
    return handle.createQuery("select count(*) from snapshot_rows").mapTo(Integer.class).one();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the writer never wrote");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }
}
