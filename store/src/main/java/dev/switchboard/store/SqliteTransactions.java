package dev.switchboard.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * How JDBI begins and ends transactions on SQLite: {@code BEGIN IMMEDIATE}, {@code COMMIT} and
 * {@code ROLLBACK} as statements on a connection left in auto-commit, and every transaction of this
 * process taken in turn through one fair lock ({@link WriteLock}).
 *
 * <p>Why not the driver's transactions: the SQLite driver's {@code Connection.commit()} commits and
 * at once begins the next transaction ({@code BEGIN IMMEDIATE} again, which takes the write lock
 * again), and JDBI's return to auto-commit then commits that empty one. Every transaction so took
 * SQLite's write lock twice, the second time after its own commit, behind any writer that got in
 * between; the intake writer answers its webhooks only after that.
 *
 * <p>Why the lock: SQLite's busy handler polls for the write lock in sleeps of 1, 2, 5, 10, 15 ms
 * and more, so a writer that found the lock taken for one millisecond started 8, 18 or 33 ms later
 * (the intake's p99 at 1,000 events/s). Writers of this process now queue in order and each starts
 * the moment the one before ends. Writers of other processes (a {@code hub sync} beside a serving
 * hub) and statements outside a transaction still meet at SQLite's lock.
 *
 * <p>Each handle gets its own {@link Bound} state ({@link #specialize}); a handle is used by one
 * thread at a time, as JDBI requires.
 */
final class SqliteTransactions implements TransactionHandler {
  private final WriteLock lock;

  SqliteTransactions(WriteLock lock) {
    this.lock = lock;
  }

  /**
   * The one write lock of a SQLite file in this process: fair, so writers take turns in the order
   * they asked; a writer that cannot have it within {@code wait} fails as SQLite's busy error
   * would.
   */
  static final class WriteLock {
    private final Semaphore permit = new Semaphore(1, true);
    private final Duration wait;

    WriteLock(Duration wait) {
      this.wait = wait;
    }

    /**
     * Waits for the lock.
     *
     * @throws SQLiteException {@code SQLITE_BUSY} when another writer of this process kept it past
     *     the wait, or when interrupted while waiting
     */
    void acquire() throws SQLiteException {
      try {
        if (permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new SQLiteException(
            "interrupted while waiting for the write lock", SQLiteErrorCode.SQLITE_BUSY);
      }
      throw new SQLiteException(
          "another writer of this process held the write lock for more than "
              + wait.toMillis()
              + " ms",
          SQLiteErrorCode.SQLITE_BUSY);
    }

    void release() {
      permit.release();
    }
  }

  @Override
  public TransactionHandler specialize(Handle handle) {
    return new Bound(lock);
  }

  // Handles are always specialised; these only answer for a handle that was not.
  @Override
  public void begin(Handle handle) {
    throw unbound();
  }

  @Override
  public void commit(Handle handle) {
    throw unbound();
  }

  @Override
  public void rollback(Handle handle) {
    throw unbound();
  }

  @Override
  public boolean isInTransaction(Handle handle) {
    return false;
  }

  @Override
  public void savepoint(Handle handle, String name) {
    throw unbound();
  }

  @Override
  public void rollbackToSavepoint(Handle handle, String name) {
    throw unbound();
  }

  @Override
  public void releaseSavepoint(Handle handle, String name) {
    throw unbound();
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) {
    throw unbound();
  }

  @Override
  public <R, X extends Exception> R inTransaction(
      Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) {
    throw unbound();
  }

  private static IllegalStateException unbound() {
    return new IllegalStateException("a handle's transactions are handled by its own Bound");
  }

  /** One handle's transaction state: whether it is in one (and so holds the write lock). */
  static final class Bound implements TransactionHandler {
    private final WriteLock lock;
    private boolean inTransaction;

    Bound(WriteLock lock) {
      this.lock = lock;
    }

    @Override
    public void begin(Handle handle) {
      if (inTransaction) {
        return;
      }
      try {
        lock.acquire();
      } catch (SQLiteException busy) {
        throw new TransactionException("Failed to start transaction", busy);
      }
      try {
        execute(handle, "begin immediate");
      } catch (SQLException | RuntimeException failed) {
        lock.release();
        throw new TransactionException("Failed to start transaction", failed);
      }
      inTransaction = true;
    }

    @Override
    public void commit(Handle handle) {
      if (!inTransaction) {
        return;
      }
      try {
        execute(handle, "commit");
      } catch (SQLException | RuntimeException failed) {
        TransactionException thrown =
            new TransactionException("Failed to commit transaction", failed);
        try {
          rollback(handle);
        } catch (RuntimeException rollbackFailed) {
          thrown.addSuppressed(rollbackFailed);
        }
        throw thrown;
      }
      end();
    }

    @Override
    public void rollback(Handle handle) {
      if (!inTransaction) {
        return;
      }
      try {
        execute(handle, "rollback");
      } catch (SQLException failed) {
        // SQLite rolls some failures back by itself (a full disk, an I/O error): nothing is left.
        if (!failed.getMessage().contains("no transaction is active")) {
          throw new TransactionException("Failed to rollback transaction", failed);
        }
      } finally {
        end();
      }
    }

    private void end() {
      inTransaction = false;
      lock.release();
    }

    @Override
    public boolean isInTransaction(Handle handle) {
      return inTransaction;
    }

    // Nothing here uses savepoints; a caller that does is told so rather than half served.
    @Override
    public void savepoint(Handle handle, String name) {
      throw noSavepoints();
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
      throw noSavepoints();
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
      throw noSavepoints();
    }

    private static UnsupportedOperationException noSavepoints() {
      return new UnsupportedOperationException("savepoints are not supported on SQLite here");
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback)
        throws X {
      if (inTransaction) {
        throw new IllegalStateException("Already in transaction");
      }
      begin(handle);
      try {
        R result = callback.withHandle(handle);
        commit(handle);
        return result;
      } catch (Throwable failed) {
        if (inTransaction) {
          try {
            rollback(handle);
          } catch (RuntimeException rollbackFailed) {
            failed.addSuppressed(rollbackFailed);
          }
        }
        throw failed;
      }
    }

    /** SQLite's transactions are serializable whatever the level asked for. */
    @Override
    public <R, X extends Exception> R inTransaction(
        Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
      return inTransaction(handle, callback);
    }

    private static void execute(Handle handle, String sql) throws SQLException {
      try (Statement statement = handle.getConnection().createStatement()) {
        statement.execute(sql);
      }
    }
  }
}
