package dev.switchboard.pbx.engine;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's steps as simulated time reaches them: sleeps until the next step is due (in
 * real time, scaled by the clock's speed, at most {@value #MAX_SLEEP_MILLIS} ms at a time), then
 * runs every due step. With a stepped clock it only waits: {@code /sim/clock} runs the steps.
 * Thread-safe; {@link #runOnce} is what tests call.
 */
public final class EngineLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);
  private static final long MAX_SLEEP_MILLIS = 100;

  private final Engine engine;
  private volatile boolean running;
  private Thread thread;

  /** A loop over {@code engine}. */
  public EngineLoop(Engine engine) {
    this.engine = engine;
  }

  /** Runs the due steps; returns how many ran. */
  public int runOnce() {
    return engine.runDue();
  }

  /** Starts the loop thread. */
  public synchronized void start() {
    running = true;
    thread =
        Thread.ofPlatform()
            .name("pbx-engine")
            .daemon()
            .start(
                () -> {
                  while (running) {
                    try {
                      runOnce();
                      Thread.sleep(sleepMillis());
                    } catch (InterruptedException stopped) {
                      return;
                    } catch (RuntimeException failed) {
                      log.error("an engine step failed", failed);
                    }
                  }
                });
  }

  private long sleepMillis() {
    SimClock clock = engine.clock();
    if (clock.isStepped()) {
      return MAX_SLEEP_MILLIS;
    }
    Instant next = engine.nextDue().orElse(null);
    if (next == null) {
      return MAX_SLEEP_MILLIS;
    }
    Duration wait = clock.realTimeUntil(next);
    return Math.max(1, Math.min(MAX_SLEEP_MILLIS, wait.toMillis()));
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
