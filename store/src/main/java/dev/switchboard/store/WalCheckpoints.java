package dev.switchboard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a SQLite file's write-ahead log bounded while readers are busy. Each {@link #runOnce()}
 * runs a passive checkpoint (copies what it can back into the database file, never waits); when the
 * log still holds more than the limit it runs a {@code RESTART} checkpoint, which copies the rest,
 * waits at most {@code readerWait} for the reads begun on older snapshots to end, and makes the
 * next commit write the log from its start again (and cut the file back to the limit, SQLite's
 * {@code journal_size_limit}).
 *
 * <p>Why: a passive checkpoint never resets the log, and the writer only starts the log over when
 * no reader holds a snapshot in it. Under load (the API, the stream, the background jobs reading
 * all the time, each read short but always one open) that moment never comes, so the file only
 * grows (4 GB in a minute of the many-agent mix). The restarting checkpoint holds the write lock
 * while it waits, so new readers read the database file itself and only the reads already under way
 * are waited for; the writer waits at most {@code readerWait} plus the copy, and a read longer than
 * that makes the checkpoint give up (busy) until the next run.
 *
 * <p>Not {@code TRUNCATE}, which also cuts the file to zero bytes while the writer waits: the
 * commits after it then grow the file again, each fsync writing the file's new size as well. Under
 * the many-agent mix a truncation held the writer 33-63 ms, a restart 1-21 ms (docs/benchmarks.md).
 *
 * <p>Thread-safe: runs are serialised.
 */
public final class WalCheckpoints {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);

  /** Each WAL frame is one page plus a 24-byte frame header; the file has a 32-byte header. */
  private static final int FRAME_HEADER = 24;

  private static final int WAL_HEADER = 32;

  /** How many busy restarts in a row (about a second apart) before it is worth a warning. */
  private static final int WARN_AFTER_BUSY = 30;

  private final DataSource dataSource;
  private final SqliteTransactions.WriteLock writeLock;
  private final Optional<Path> walFile;
  private final long limitBytes;
  private final Duration readerWait;
  private final Duration busyTimeout;
  private int busyInARow;
  private long restarts;
  private long deferrals;

  /** The modes of {@code pragma wal_checkpoint} used. */
  public enum Mode {
    PASSIVE,
    RESTART
  }

  /**
   * What one checkpoint did, as {@code pragma wal_checkpoint} reports it.
   *
   * @param mode the last checkpoint run
   * @param busy whether it could not complete (a reader or another checkpoint in the way)
   * @param logFrames frames in the log when it ran (as the restart found them)
   * @param checkpointedFrames frames copied back into the database file
   * @param walBytes how much log the passive checkpoint found, in bytes, which decided the mode
   */
  public record Checkpoint(
      Mode mode, boolean busy, long logFrames, long checkpointedFrames, long walBytes) {}

  /**
   * @param dataSource connections to the SQLite file (one is taken per run)
   * @param writeLock the writers' lock of this process, held by a restart (which holds SQLite's
   *     write lock anyway): the writers wait for it in turn, not in SQLite's polling
   * @param walFile the log file ({@code hub.db-wal}), when the database is a plain file
   * @param limitBytes the log size past which a run restarts it
   * @param readerWait how long a restarting checkpoint waits for reads under way
   * @param busyTimeout the connection's usual busy timeout, restored after the restart
   */
  WalCheckpoints(
      DataSource dataSource,
      SqliteTransactions.WriteLock writeLock,
      Optional<Path> walFile,
      long limitBytes,
      Duration readerWait,
      Duration busyTimeout) {
    this.dataSource = dataSource;
    this.writeLock = writeLock;
    this.walFile = walFile;
    this.limitBytes = limitBytes;
    this.readerWait = readerWait;
    this.busyTimeout = busyTimeout;
  }

  /**
   * Whether the log file is larger than the limit: a look at its size, no query, so it can be asked
   * often. False when the database is not a plain file or the size cannot be read.
   */
  public boolean isPastLimit() {
    if (walFile.isEmpty()) {
      return false;
    }
    try {
      return Files.size(walFile.get()) > limitBytes;
    } catch (NoSuchFileException none) {
      return false;
    } catch (IOException unreadable) {
      log.debug("cannot read the size of {}", walFile.get(), unreadable);
      return false;
    }
  }

  /** Restarts that completed since the start. */
  public synchronized long restarts() {
    return restarts;
  }

  /** Restarts given up (busy: a read outlasted the wait) since the start. */
  public synchronized long deferrals() {
    return deferrals;
  }

  /** The log size past which a run restarts the log. */
  public long limitBytes() {
    return limitBytes;
  }

  /**
   * Runs one passive checkpoint, then a restarting one when the log is past the limit.
   *
   * @throws StoreException when the database cannot be reached
   */
  public synchronized Checkpoint runOnce() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      Checkpoint passive = checkpoint(statement, Mode.PASSIVE, 0);
      long walBytes = passive.walBytes();
      if (walBytes <= limitBytes) {
        busyInARow = 0;
        return passive;
      }
      statement.execute("pragma busy_timeout = " + readerWait.toMillis());
      Checkpoint restarted;
      writeLock.acquire();
      try {
        restarted = checkpoint(statement, Mode.RESTART, walBytes);
      } finally {
        writeLock.release();
        statement.execute("pragma busy_timeout = " + busyTimeout.toMillis());
      }
      noteBusy(restarted);
      return restarted;
    } catch (SQLException failed) {
      throw new StoreException("checkpoint failed: " + failed.getMessage(), failed);
    }
  }

  private Checkpoint checkpoint(Statement statement, Mode mode, long walBytes) throws SQLException {
    long pageSize;
    try (var pages = statement.executeQuery("pragma page_size")) {
      pages.next();
      pageSize = pages.getLong(1);
    }
    try (var result = statement.executeQuery("pragma wal_checkpoint(" + mode + ")")) {
      result.next();
      boolean busy = result.getInt(1) != 0;
      long frames = Math.max(0, result.getLong(2));
      long checkpointed = Math.max(0, result.getLong(3));
      long bytes =
          mode == Mode.PASSIVE && frames > 0
              ? WAL_HEADER + frames * (pageSize + FRAME_HEADER)
              : walBytes;
      return new Checkpoint(mode, busy, frames, checkpointed, bytes);
    }
  }

  private void noteBusy(Checkpoint restarted) {
    if (!restarted.busy()) {
      log.debug("write-ahead log of {} bytes restarted", restarted.walBytes());
      restarts++;
      busyInARow = 0;
      return;
    }
    deferrals++;
    busyInARow++;
    if (busyInARow % WARN_AFTER_BUSY == 0) {
      log.warn(
          "the write-ahead log ({} MB) could not be restarted {} times in a row: a read has kept"
              + " its snapshot for longer than {} ms each time",
          restarted.walBytes() / (1024 * 1024),
          busyInARow,
          readerWait.toMillis());
    }
  }
}
