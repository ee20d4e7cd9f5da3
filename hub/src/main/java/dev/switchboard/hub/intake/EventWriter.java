package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.RingNotification;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
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
 * <p>A batch that fails is retried one event per transaction, so one event cannot fail another.
 * Thread-safe: {@link #submit} from any thread; {@link #runOnce} from one thread at a time (the
 * writer thread, or a test driving it).
 */
public final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

  private record Submission(EventDraft draft, CompletableFuture<Appended> done) {}

  private record Result(Appended appended, List<Change> changes) {}

  private final Jdbi jdbi;
  private final EventLog eventLog;
  private final Projector projector;
  private final RingBursts ringBursts = new RingBursts();
  private final ChangeFeed feed;
  private final BlockingQueue<Submission> queue;
  private final int capacity;
  private final int maxBatch;
  private volatile Thread thread;
  private Handle handle; // the writer's own connection, kept between batches

  private Handle handle() {
    if (handle == null) {
      handle = jdbi.open();
    }
    return handle;
  }

  private void dropHandle() {
    if (handle != null) {
      try {
        handle.close();
      } catch (RuntimeException closing) {
        log.debug("closing the writer's connection failed", closing);
      }
      handle = null;
    }
  }

  private volatile boolean running;

  /**
   * A writer with a queue of {@code capacity} events, committing at most {@code maxBatch} at once.
   */
  public EventWriter(
      Jdbi jdbi,
      EventLog eventLog,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallLookups lookups,
      ChangeFeed feed,
      MeterRegistry metrics,
      int capacity,
      int maxBatch) {
    this.jdbi = jdbi;
    this.eventLog = eventLog;
    this.projector =
        new Projector(eventLog, calls, agents, contacts, lookups, () -> feed.clients() > 0);
    this.feed = feed;
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(capacity);
    metrics.gauge("switchboard.intake.queue", queue, BlockingQueue::size);
  }

  /**
   * Queues an event for the next commit.
   *
   * @throws OverloadedException when the queue is full
   */
  public CompletableFuture<Appended> submit(EventDraft draft) {
    Submission submission = new Submission(draft, new CompletableFuture<>());
    if (!queue.offer(submission)) {
      throw new OverloadedException(capacity);
    }
    return submission.done();
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
   * (at most the batch size). Returns how many events it handled.
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
    try {
      long started = System.nanoTime();
      List<Result> results = handle().inTransaction(h -> writeAll(h, batch));
      if (log.isDebugEnabled()) {
        log.debug(
            "committed {} event(s) in {} us", batch.size(), (System.nanoTime() - started) / 1000);
      }
      complete(batch, results);
    } catch (RuntimeException batchFailed) {
      log.warn("a batch of {} events failed; retrying them one by one", batch.size(), batchFailed);
      projector.invalidate();
      dropHandle();
      for (Submission submission : batch) {
        try {
          List<Result> results = handle().inTransaction(h -> writeAll(h, List.of(submission)));
          complete(List.of(submission), results);
        } catch (RuntimeException failed) {
          projector.invalidate(); // the caches may hold what was rolled back
          dropHandle();
          log.error(
              "event of tenant {} could not be stored", submission.draft().tenantId(), failed);
          submission.done().completeExceptionally(failed);
        }
      }
    }
    return batch.size();
  }

  private void complete(List<Submission> batch, List<Result> results) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i).appended());
      changes.addAll(results.get(i).changes());
    }
    if (!changes.isEmpty()) {
      feed.publish(changes);
    }
  }

  private List<Result> writeAll(Handle handle, List<Submission> batch) {
    List<Result> results = new ArrayList<>(batch.size());
    for (Submission submission : batch) {
      results.add(write(handle, submission.draft()));
    }
    return results;
  }

  private Result write(Handle handle, EventDraft draft) {
    String salt = "";
    if (draft.source() == Source.STATUS_POLL) {
      // A poll's correction is made only where the board differs from the PBX: always new.
      salt = "poll:" + draft.receivedAt().toEpochMilli();
    } else if (draft.type().equals(EventDraft.ROUTE)) {
      salt = "route:" + UUID.randomUUID(); // every answer is logged, however alike
    } else if (draft.webhook().orElse(null) instanceof RingNotification) {
      salt = ringBursts.salt(draft.tenantId(), draft.content(), draft.receivedAt());
    } else if (draft.webhook().orElse(null) instanceof AgentStatusChange status) {
      // The PBX gives no event id: a ChangeStatus is a repeated delivery when the last event the
      // log holds for its extension is a status with the same value (nothing of that extension
      // came in between). Otherwise it is new, and salted with that last event's sequence so it
      // never collides with an earlier identical one. See docs/architecture.md.
      Optional<EventLog.LatestOfExtension> latest =
          eventLog.latestOfExtension(handle, draft.tenantId(), status.extension());
      if (latest.filter(last -> last.isStatus(status.status().code())).isPresent()) {
        return new Result(Appended.DUPLICATE, List.of());
      }
      salt = latest.map(last -> "after:" + last.seq()).orElse("");
    }
    Optional<Long> seq = eventLog.append(handle, draft, salt);
    if (seq.isEmpty()) {
      return new Result(Appended.DUPLICATE, List.of());
    }
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
