package dev.switchboard.hub.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the test's JVM while open (all levels of the loggers named, the root
 * by default), for tests that assert what was, or was not, logged. Thread-safe for appending; read
 * it after the logging threads are done.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  /** Starts capturing {@code loggerName} (and its children) at {@code level} and above. */
  public LogCapture(String loggerName, Level level) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    previous = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures everything at WARN and above. */
  public static LogCapture warnings() {
    return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
  }

  /** The events captured so far. */
  public synchronized List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The captured events at {@code level} or above. */
  public List<ILoggingEvent> atLeast(Level level) {
    return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
    appender.stop();
  }
}
