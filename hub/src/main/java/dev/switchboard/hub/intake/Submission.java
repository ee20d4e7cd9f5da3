package dev.switchboard.hub.intake;

import dev.switchboard.hub.events.EventDraft;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event waiting for the writer, with its fate: the future completes once it is committed (or
 * known not to be), and until the writer claims it, its sender may withdraw it. Whoever moves it
 * first out of {@code QUEUED} decides: a withdrawn event is never written, a claimed one cannot be
 * withdrawn. Thread-safe.
 */
final class Submission {
  private static final int QUEUED = 0;
  private static final int CLAIMED = 1;
  private static final int WITHDRAWN = 2;

  private final EventDraft draft;
  private final CompletableFuture<Appended> done = new CompletableFuture<>();
  private final AtomicInteger state = new AtomicInteger(QUEUED);

  Submission(EventDraft draft) {
    this.draft = draft;
  }

  EventDraft draft() {
    return draft;
  }

  CompletableFuture<Appended> done() {
    return done;
  }

  /** The writer takes it to write now; false when its sender withdrew it first. */
  boolean claim() {
    return state.compareAndSet(QUEUED, CLAIMED);
  }

  /** The sender gives up on it; false when the writer has claimed it already (its fate is open). */
  boolean withdraw() {
    return state.compareAndSet(QUEUED, WITHDRAWN);
  }

  /**
   * Waits for its fate until {@code deadline} ({@link System#nanoTime}): what was committed, or
   * empty when it is still open.
   *
   * @throws NotStoredException when it is known not to be stored
   */
  Optional<Appended> await(long deadline) throws InterruptedException {
    try {
      return Optional.of(done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException notYet) {
      return Optional.empty();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof NotStoredException notStored) {
        throw notStored;
      }
      throw new NotStoredException(
          "the event could not be stored; retry later", false, failed.getCause());
    }
  }
}
