package dev.switchboard.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one long-lived connection between uses: a statement JDBI closes
 * is kept open and handed out again for the same SQL, so SQLite does not parse and plan it anew
 * each time (issue 14: a fifth of the writer's time was SQLite re-preparing its statements). A
 * statement still in use when the same SQL comes again (a nested query) gets a fresh one, closed
 * after use. At most {@link #MAX_CACHED} are kept, the least recently used closed first.
 *
 * <p>Install with {@link #install(Handle)}; call {@link #closeAll()} at the end of each transaction
 * (on SQLite an open statement may keep its read snapshot, holding back checkpoints) and before
 * closing the handle. Not thread-safe: for the connection of one thread (a handle is one thread's
 * anyway).
 */
public final class CachedStatements implements StatementBuilder {
  /** Most statements kept open at once. */
  public static final int MAX_CACHED = 128;

  private final StatementBuilder plain = new DefaultStatementBuilder();
  private final Map<String, PreparedStatement> idle =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() > MAX_CACHED) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  // JDBI closes a statement with its SQL as written (":name" parameters), but creates it with the
  // SQL as parsed ("?"): the SQL each statement handed out was created with, until closed.
  private final Map<Statement, String> inUse = new IdentityHashMap<>();
  private long prepared;
  private long reused;

  private CachedStatements() {}

  /** Makes {@code handle} reuse its prepared statements; returns the cache to close later. */
  public static CachedStatements install(Handle handle) {
    CachedStatements cache = new CachedStatements();
    handle.setStatementBuilder(cache);
    return cache;
  }

  @Override
  public Statement create(Connection connection, StatementContext context) throws SQLException {
    return plain.create(connection, context);
  }

  @Override
  public PreparedStatement create(Connection connection, String sql, StatementContext context)
      throws SQLException {
    if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
      return plain.create(connection, sql, context);
    }
    PreparedStatement statement = idle.remove(sql);
    if (statement != null && !statement.isClosed()) {
      statement.clearParameters();
      reused++;
    } else {
      prepared++;
      statement = plain.create(connection, sql, context);
    }
    inUse.put(statement, sql);
    return statement;
  }

  @Override
  public CallableStatement createCall(Connection connection, String sql, StatementContext context)
      throws SQLException {
    return plain.createCall(connection, sql, context);
  }

  @Override
  public void close(Connection connection, String sql, Statement statement) throws SQLException {
    String created = inUse.remove(statement);
    if (created != null
        && statement instanceof PreparedStatement prepared
        && !statement.isClosed()
        && !idle.containsKey(created)) {
      idle.put(created, prepared);
      return;
    }
    plain.close(connection, sql, statement);
  }

  /** Closes every statement kept; the handle may go on, preparing anew. */
  public void closeAll() {
    List<Statement> open = new ArrayList<>(idle.values());
    open.addAll(inUse.keySet());
    idle.clear();
    inUse.clear();
    open.forEach(CachedStatements::closeQuietly);
  }

  /** Statements prepared so far (each cache miss). */
  public long prepared() {
    return prepared;
  }

  /** Statements handed out again so far. */
  public long reused() {
    return reused;
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // closing a statement of a connection that went away: nothing left to release
    }
  }
}
