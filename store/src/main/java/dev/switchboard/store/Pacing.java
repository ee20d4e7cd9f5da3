package dev.switchboard.store;

import java.time.Duration;

/**
 * Paces a writer that shares an SQLite file with a serving hub (an import, a sync, a rebuild).
 * SQLite has one write lock and no queue for it: a waiting writer polls for it (every 100 ms once
 * it has waited a while), so a process that commits transactions back to back keeps winning it and
 * can starve a waiting one for as long as it goes on. A paced writer pauses {@link #PAUSE} after
 * each {@link #SLICE} of work, longer than a waiter's poll, so whoever waits gets the lock in
 * between. Does nothing on PostgreSQL, which has no such lock. Thread-safe.
 */
public final class Pacing {
  /** How long a paced writer works before it pauses. */
  public static final Duration SLICE = Duration.ofMillis(100);

  /** How long it pauses: more than the 100 ms between a waiting SQLite writer's polls. */
  public static final Duration PAUSE = Duration.ofMillis(150);

  private static final Pacing NONE = new Pacing(false);

  private final boolean active;
  private long sliceStarted = System.nanoTime();

  private Pacing(boolean active) {
    this.active = active;
  }

  /** No pacing: for the serving hub's own writer, and on PostgreSQL. */
  public static Pacing none() {
    return NONE;
  }

  static Pacing forBackgroundWriter(Dialect dialect) {
    return dialect == Dialect.SQLITE ? new Pacing(true) : NONE;
  }

  /** Call after each commit (outside the transaction): pauses when a slice of work is done. */
  public void afterCommit() {
    if (!active) {
      return;
    }
    long pause;
    synchronized (this) {
      if (System.nanoTime() - sliceStarted < SLICE.toNanos()) {
        return;
      }
      pause = PAUSE.toMillis();
    }
    try {
      Thread.sleep(pause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      sliceStarted = System.nanoTime();
    }
  }
}
