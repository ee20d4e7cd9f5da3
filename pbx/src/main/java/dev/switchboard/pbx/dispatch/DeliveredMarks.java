package dev.switchboard.pbx.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of the "delivered" marks: a send that was answered 200 hands its mark here and waits
 * until it is committed, and the marks of the sends that finished meanwhile are written together,
 * in one transaction (see {@link Writer}). The first waiter to take the write lock writes every
 * mark queued by then (its own and the others'); the others find theirs done when they get the
 * lock, or write the next group. Each mark is still committed before its send ends, so the next
 * webhook of its key is claimable only once this one is recorded. Thread-safe.
 */
final class DeliveredMarks {

  /** Writes one group of marks in one transaction. */
  interface Writer {
    /**
     * Marks each {@code ids[i]} delivered at {@code times[i]}; returns, for each, whether its owner
     * still held the claim (false: nothing written for it).
     */
    boolean[] write(List<Long> ids, List<Instant> times);
  }

  private record Mark(long id, Instant at, CompletableFuture<Boolean> written) {}

  private final Writer writer;
  private final ConcurrentLinkedQueue<Mark> queued = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  DeliveredMarks(Writer writer) {
    this.writer = writer;
  }

  /**
   * Marks webhook {@code id} delivered at {@code at}, committed when this returns; false when the
   * owner no longer holds its claim.
   *
   * @throws RuntimeException what writing the group threw (nothing of the group was written)
   */
  boolean delivered(long id, Instant at) {
    Mark mark = new Mark(id, at, new CompletableFuture<>());
    queued.add(mark);
    writing.lock();
    try {
      if (!mark.written().isDone()) {
        writeQueued();
      }
    } finally {
      writing.unlock();
    }
    try {
      return mark.written().get();
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while marking webhook " + id + " delivered");
    }
  }

  /** Under the write lock: every mark queued by now, in one transaction. */
  private void writeQueued() {
    List<Mark> group = new ArrayList<>();
    for (Mark next = queued.poll(); next != null; next = queued.poll()) {
      group.add(next);
    }
    try {
      boolean[] held =
          writer.write(
              group.stream().map(Mark::id).toList(), group.stream().map(Mark::at).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).written().complete(held[i]);
      }
    } catch (RuntimeException failed) {
      group.forEach(mark -> mark.written().completeExceptionally(failed));
    }
  }
}
