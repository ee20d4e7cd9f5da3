package dev.switchboard.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's {@code LISTEN} on one channel, on a connection of its own outside the pool (a pooled
 * connection would be handed to others, and a listening one must stay with its listener). It only
 * wakes its caller: what a notification carries is never relied on, and a lost connection is opened
 * again at the next wait, so a caller that also polls never misses anything for long. One thread
 * waits on it; {@link #close} may come from another.
 */
public final class Notifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final DatabaseSettings settings;
  private final String channel;
  private volatile Connection connection;
  private boolean failing; // to log an outage once

  private Notifications(DatabaseSettings settings, String channel) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    this.settings = settings;
    this.channel = channel;
  }

  /** Listens on {@code channel} of the PostgreSQL database {@code settings} name. */
  public static Notifications listen(DatabaseSettings settings, String channel) {
    if (settings.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("LISTEN needs PostgreSQL, not " + settings.dialect());
    }
    return new Notifications(settings, channel);
  }

  /** The statement that wakes every listener of {@code channel} when its transaction commits. */
  public static String notifyStatement(String channel) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    return "notify " + channel;
  }

  /**
   * Waits up to {@code timeout} for a notification; true when one (or more) came. Returns false at
   * once, after {@code timeout} of sleep, while the database cannot be reached.
   */
  public boolean await(Duration timeout) throws InterruptedException {
    if (closed) {
      return false;
    }
    try {
      if (connection == null) {
        connection = DriverManager.getConnection(settings.jdbcUrl());
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + channel);
        }
        if (failing) {
          log.info("listening for changes again");
          failing = false;
        }
      }
      PGNotification[] got =
          connection
              .unwrap(PGConnection.class)
              .getNotifications((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return got != null && got.length > 0;
    } catch (SQLException lost) {
      if (closed) {
        return false; // closed while waiting: its connection went with it
      }
      if (!failing) {
        log.warn(
            "cannot listen for changes ({}); polling until the database answers",
            Database.rootCause(lost));
        failing = true;
      }
      closeQuietly();
      Thread.sleep(timeout.toMillis());
      return false;
    }
  }

  private volatile boolean closed;

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        log.debug("closing the listening connection failed", ignored);
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly();
  }
}
