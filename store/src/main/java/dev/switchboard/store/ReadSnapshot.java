package dev.switchboard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConnection;

/**
 * Reads that must see one state of the database (a report's sections, which must add up) without
 * taking the write lock: a transaction is not that on SQLite, where every transaction here begins
 * as a write ({@link SqliteTransactions}) and so holds the intake writer, and every webhook's 200,
 * for as long as the reads last.
 *
 * <p>On SQLite a deferred {@code BEGIN}: the snapshot is taken at the first read, and the write-
 * ahead log lets the writer go on meanwhile. On PostgreSQL a {@code REPEATABLE READ}, {@code READ
 * ONLY} transaction.
 */
public final class ReadSnapshot {
  private ReadSnapshot() {}

  /**
   * Runs {@code reads} on one snapshot of {@code jdbi}'s database and returns what they return.
   * What {@code reads} writes fails on PostgreSQL and must not be tried.
   */
  public static <R> R of(Jdbi jdbi, HandleCallback<R, RuntimeException> reads) {
    return jdbi.withHandle(
        handle -> {
          if (!isSqlite(handle.getConnection())) {
            return handle.inTransaction(
                TransactionIsolationLevel.REPEATABLE_READ,
                h -> {
                  h.execute("set transaction read only");
                  return reads.withHandle(h);
                });
          }
          execute(handle, "begin");
          R result;
          try {
            result = reads.withHandle(handle);
          } catch (RuntimeException | Error failed) {
            try {
              execute(handle, "rollback");
            } catch (RuntimeException rollbackFailed) {
              failed.addSuppressed(rollbackFailed);
            }
            throw failed;
          }
          execute(handle, "commit");
          return result;
        });
  }

  private static boolean isSqlite(Connection connection) {
    try {
      return connection.isWrapperFor(SQLiteConnection.class);
    } catch (SQLException closed) {
      throw new StoreException("cannot tell the database: " + closed.getMessage(), closed);
    }
  }

  private static void execute(Handle handle, String sql) {
    try (Statement statement = handle.getConnection().createStatement()) {
      statement.execute(sql);
    } catch (SQLException failed) {
      throw new StoreException(sql + " failed: " + failed.getMessage(), failed);
    }
  }
}
