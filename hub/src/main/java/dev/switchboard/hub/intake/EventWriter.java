package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangePublisher;
import dev.switchboard.store.CachedStatements;
import dev.switchboard.store.Database;
import dev.switchboard.store.Pacing;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the event log (group commit): it takes every event waiting, appends them and
 * updates what derives from them in one transaction, commits, then completes each submitter's
 * future and pushes the changes live. A completed future means the event is durably committed.
 *
 * <p>A sender that waits through {@link #store} may withdraw its event until the writer claims it,
 * and the writer claims events only once it holds a connection and has begun the transaction, so a
 * withdrawn event is never written and "not stored" means exactly that. When the database cannot be
 * reached (no connection, or the connection lost before the commit) the whole batch fails at once
 * as not stored; a batch that fails for another reason is retried one event per transaction, so one
 * event cannot fail another. Thread-safe: {@link #submit} and {@link #store} from any thread;
 * {@link #runOnce} from one thread at a time (the writer thread, or a test driving it).
 */
public final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

  private record Result(Appended appended, List<Change> changes) {}

  private final Jdbi jdbi;
  private final EventLog eventLog;
  private final Projector projector;
  private final RepeatedDeliveries repeats;
  private final ChangePublisher publisher;
  private final BlockingQueue<Submission> queue;
  private final int capacity;
  private final int maxBatch;
  private final Pacing pacing;
  private volatile Thread thread;
  private Handle handle; // the writer's own connection, kept between batches
  private CachedStatements statements; // its prepared statements, kept for a batch
  private long lastAppended = -1; // the log's last seq as this writer left it; -1: unknown
  private boolean databaseDown; // the writer thread's view, for logging an outage once

  private volatile boolean running;

  /**
   * A writer with a queue of {@code capacity} events, committing at most {@code maxBatch} at once,
   * paced by {@code pacing} after its commits (a writer beside a serving hub gives way to it).
   */
  public EventWriter(
      Jdbi jdbi,
      EventLog eventLog,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallLookups lookups,
      ChangePublisher publisher,
      MeterRegistry metrics,
      int capacity,
      int maxBatch,
      Pacing pacing) {
    this(
        jdbi,
        eventLog,
        calls,
        agents,
        contacts,
        lookups,
        publisher,
        metrics,
        capacity,
        maxBatch,
        pacing,
        CallbackChanges.none());
  }

  /** A writer that also pushes the {@code callback} changes of each stored call record. */
  public EventWriter(
      Jdbi jdbi,
      EventLog eventLog,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallLookups lookups,
      ChangePublisher publisher,
      MeterRegistry metrics,
      int capacity,
      int maxBatch,
      Pacing pacing,
      CallbackChanges callbacks) {
    this.jdbi = jdbi;
    this.pacing = pacing;
    this.eventLog = eventLog;
    this.repeats = new RepeatedDeliveries(eventLog);
    this.projector =
        new Projector(
            eventLog, calls, agents, contacts, lookups, publisher::anyoneListening, callbacks);
    this.publisher = publisher;
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(capacity);
    metrics.gauge("switchboard.intake.queue", queue, BlockingQueue::size);
  }

  /**
   * Queues an event for the next commit. The future fails with {@link NotStoredException} when the
   * event could not be stored.
   *
   * @throws OverloadedException when the queue is full
   */
  public CompletableFuture<Appended> submit(EventDraft draft) {
    return queue(draft).done();
  }

  /**
   * Queues an event and waits for its fate: withdraws it when the writer has not taken it by {@code
   * withdrawBy}, and waits for one the writer took until {@code answerBy} (both {@link
   * System#nanoTime} instants).
   *
   * @throws OverloadedException when the queue is full
   * @throws NotStoredException when it is not stored, or when its commit was under way as the
   *     database went away or {@code answerBy} passed ({@link NotStoredException#inDoubt})
   */
  public Appended store(EventDraft draft, long withdrawBy, long answerBy) {
    Submission submission = queue(draft);
    try {
      Optional<Appended> done = submission.await(withdrawBy);
      if (done.isPresent()) {
        return done.get();
      }
      if (submission.withdraw()) {
        throw new NotStoredException(
            "the event could not be stored in time (the database is slow or out of reach); retry"
                + " later",
            false,
            null);
      }
      return submission
          .await(answerBy)
          .orElseThrow(
              () ->
                  new NotStoredException(
                      "the database did not confirm the commit in time; the event may be stored:"
                          + " retry (a repeated delivery is stored once)",
                      true,
                      null));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      boolean withdrawn = submission.withdraw();
      throw new NotStoredException(
          "the hub is shutting down; retry later", !withdrawn && !submission.done().isDone(), null);
    }
  }

  private Submission queue(EventDraft draft) {
    Submission submission = new Submission(draft);
    if (!queue.offer(submission)) {
      throw new OverloadedException(capacity);
    }
    return submission;
  }

  /** Starts the writer thread. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread =
        Thread.ofPlatform()
            .name("event-writer")
            .start(
                () -> {
                  while (running || !queue.isEmpty()) {
                    try {
                      runOnce(Duration.ofMillis(200));
                    } catch (RuntimeException unexpected) {
                      log.error("event writer failed a batch", unexpected);
                    }
                  }
                  dropHandle();
                });
  }

  /**
   * Commits one batch: waits up to {@code wait} for a first event, then takes every event waiting
   * (at most the batch size). Returns how many events it took (withdrawn ones included).
   */
  public int runOnce(Duration wait) {
    List<Submission> batch = new ArrayList<>();
    try {
      Submission first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (first == null) {
        return 0;
      }
      batch.add(first);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 0;
    }
    queue.drainTo(batch, maxBatch - 1);
    long started = System.nanoTime();
    Optional<List<Submission>> claimed = begin(batch);
    if (claimed.isEmpty()) {
      return batch.size();
    }
    try {
      writeAndCommit(claimed.get());
      if (log.isDebugEnabled()) {
        log.debug(
            "committed {} event(s) in {} us",
            claimed.get().size(),
            (System.nanoTime() - started) / 1000);
      }
    } catch (RuntimeException batchFailed) {
      if (!Database.isConnectionFailure(batchFailed)) {
        log.warn(
            "a batch of {} events failed; retrying them one by one",
            claimed.get().size(),
            batchFailed);
        retryOneByOne(claimed.get());
      }
    }
    return batch.size();
  }

  /**
   * Gets a connection and begins a transaction (on SQLite this waits for the write lock), then
   * claims what was not withdrawn meanwhile. Empty when nothing is left to write: the database
   * could not be reached (the batch failed as not stored) or everything was withdrawn.
   */
  private Optional<List<Submission>> begin(List<Submission> batch) {
    try {
      handle().begin();
    } catch (RuntimeException unreachable) {
      dropHandle();
      failAll(batch, false, unreachable);
      return Optional.empty();
    }
    List<Submission> claimed = new ArrayList<>(batch.size());
    for (Submission submission : batch) {
      if (submission.claim()) {
        claimed.add(submission);
      }
    }
    if (claimed.isEmpty()) {
      rollbackQuietly();
      return Optional.empty();
    }
    return Optional.of(claimed);
  }

  /**
   * Writes {@code claimed} in the transaction begun and commits; on a failure rolls back, and when
   * the database was lost fails them all (in doubt if the commit was under way) and rethrows.
   */
  private void writeAndCommit(List<Submission> claimed) {
    boolean committing = false;
    try {
      List<Result> results = writeAll(handle, claimed);
      List<Change> changes = new ArrayList<>();
      results.forEach(result -> changes.addAll(result.changes()));
      publisher.beforeCommit(handle, changes);
      // Statements live for the batch only: one kept open past the commit would keep SQLite's read
      // snapshot, so checkpoints could not pass it and the WAL would grow without bound.
      statements.closeAll();
      committing = true;
      handle.commit();
      if (databaseDown) {
        databaseDown = false;
        log.info("the database answers again; events are stored again");
      }
      complete(claimed, results, changes);
      pacing.afterCommit();
    } catch (RuntimeException failed) {
      if (statements != null) {
        statements.closeAll();
      }
      rollbackQuietly();
      projector.invalidate(); // the caches may hold what was rolled back
      repeats.invalidate();
      lastAppended = -1;
      if (Database.isConnectionFailure(failed)) {
        dropHandle();
        failAll(claimed, committing, failed);
      }
      throw failed;
    }
  }

  private void retryOneByOne(List<Submission> claimed) {
    dropHandle();
    for (int i = 0; i < claimed.size(); i++) {
      Submission submission = claimed.get(i);
      try {
        handle().begin();
      } catch (RuntimeException unreachable) {
        dropHandle();
        failAll(claimed.subList(i, claimed.size()), false, unreachable);
        return;
      }
      try {
        writeAndCommit(List.of(submission));
      } catch (RuntimeException failed) {
        if (Database.isConnectionFailure(failed)) {
          failAll(claimed.subList(i + 1, claimed.size()), false, failed);
          return;
        }
        dropHandle();
        log.error("event of tenant {} could not be stored", submission.draft().tenantId(), failed);
        submission
            .done()
            .completeExceptionally(
                new NotStoredException(
                    "the event could not be stored; retry later", false, failed));
      }
    }
  }

  /** Fails events the database could not take: not stored, or in doubt when it was committing. */
  private void failAll(List<Submission> batch, boolean committing, RuntimeException failure) {
    if (!databaseDown && Database.isConnectionFailure(failure)) {
      databaseDown = true;
      log.warn(
          "the database is out of reach; webhooks are answered 503 until it answers again: {}",
          Database.rootCause(failure));
    } else {
      log.debug("{} event(s) not stored", batch.size(), failure);
    }
    String message =
        committing
            ? "the database went away while the event was being committed; it may be stored:"
                + " retry (a repeated delivery is stored once)"
            : "the database is unavailable; the event was not stored: retry later";
    for (Submission submission : batch) {
      submission.done().completeExceptionally(new NotStoredException(message, committing, failure));
    }
  }

  private Handle handle() {
    if (handle == null) {
      handle = jdbi.open();
      statements = CachedStatements.install(handle);
    }
    return handle;
  }

  private void rollbackQuietly() {
    try {
      if (handle != null && handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException rollbackFailed) {
      log.debug("rollback failed; the connection is dropped", rollbackFailed);
      dropHandle();
    }
  }

  private void dropHandle() {
    if (handle != null) {
      statements.closeAll();
      try {
        handle.close();
      } catch (RuntimeException closing) {
        log.debug("closing the writer's connection failed", closing);
      }
      handle = null;
    }
  }

  private void complete(List<Submission> batch, List<Result> results, List<Change> changes) {
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i).appended());
    }
    publisher.afterCommit(changes);
  }

  private List<Result> writeAll(Handle handle, List<Submission> batch) {
    // One look per batch instead of one per event, under the log's append lock: when the log's
    // last event is not the one this writer appended last, another writer (another hub node, hub
    // sync, a maintenance command) wrote meanwhile, and what this one remembers of calls and
    // extensions may be stale. The lock, held until the commit, keeps other writers out for the
    // rest of the batch, so each call is folded by one writer at a time from all of its events.
    long last = eventLog.lockForAppend(handle);
    if (last != lastAppended) {
      projector.invalidate();
      repeats.invalidate();
    }
    lastAppended = last;
    List<Result> results = new ArrayList<>(batch.size());
    for (Submission submission : batch) {
      results.add(write(handle, submission.draft()));
    }
    return results;
  }

  private Result write(Handle handle, EventDraft draft) {
    Optional<Long> seq =
        repeats
            .saltOf(handle, draft)
            .flatMap(salt -> eventLog.append(handle, draft, salt, lastAppended + 1));
    if (seq.isEmpty()) {
      return new Result(Appended.DUPLICATE, List.of());
    }
    lastAppended = Math.max(lastAppended, seq.get());
    repeats.appended(draft, seq.get());
    return new Result(
        new Appended(OptionalLong.of(seq.get())), projector.apply(handle, draft, seq.get()));
  }

  /** Stops taking events after those queued are written. */
  @Override
  public void close() {
    running = false;
    Thread writer = thread;
    if (writer == null) {
      dropHandle(); // driven by runOnce alone
    } else {
      try {
        writer.join(10_000);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
