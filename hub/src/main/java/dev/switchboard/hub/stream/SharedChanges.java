package dev.switchboard.hub.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.store.Notifications;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of several hub nodes on one database: each writer stores its batch's changes in
 * the {@code changes} table in the batch's own transaction, and every node reads that table in log
 * order and feeds its own stream clients. Sequence numbers follow commit order (the log's append
 * lock), so a reader that has passed a sequence number will never see a change below it commit
 * later: reading "after the last one read" misses nothing and gives each change once.
 *
 * <p>A node reads when its own writer commits, when PostgreSQL notifies it that another node did
 * (one {@code NOTIFY} per batch, on a connection outside the pool; the notification carries
 * nothing), and at least every {@code poll} in any case, so a lost notification delays a change by
 * one poll at most and never drops it. Thread-safe; {@link #runOnce} from one thread at a time.
 */
public final class SharedChanges implements ChangePublisher, AutoCloseable {
  /** The channel writers notify after each batch. */
  public static final String CHANNEL = "switchboard_changes";

  /** How many changes one read takes at most. */
  static final int READ_LIMIT = 2_000;

  private static final Logger log = LoggerFactory.getLogger(SharedChanges.class);
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Jdbi jdbi;
  private final ChangeFeed feed;
  private final Clock clock;
  private final Optional<Notifications> notifications;
  private final Duration poll;
  private final int readLimit;
  private final Semaphore wakeups = new Semaphore(0);
  private final AtomicLong cursorSeq = new AtomicLong();
  private long cursorN = Integer.MAX_VALUE; // the last change read of cursorSeq (max: all)
  private volatile boolean running;
  private boolean failing; // the reader's view, to log an outage once
  private Thread reader;
  private Thread listener;

  /**
   * Changes shared through {@code jdbi}'s database, handed to {@code feed}; {@code notifications}
   * (PostgreSQL) wakes the reader when another node commits.
   */
  public SharedChanges(
      Jdbi jdbi,
      ChangeFeed feed,
      Clock clock,
      Optional<Notifications> notifications,
      Duration poll,
      MeterRegistry metrics) {
    this.jdbi = jdbi;
    this.feed = feed;
    this.clock = clock;
    this.notifications = notifications;
    this.poll = poll;
    // A read is handed to each client's buffer at once: never more than half of it, so that a node
    // catching up does not overflow clients that keep up.
    this.readLimit = Math.max(1, Math.min(READ_LIMIT, feed.bufferPerClient() / 2));
    this.cursorSeq.set(jdbi.withHandle(SharedChanges::lastLogged));
    metrics.gauge("switchboard.stream.shared_cursor", cursorSeq, AtomicLong::doubleValue);
  }

  private static long lastLogged(Handle handle) {
    return handle.createQuery("select coalesce(max(seq), 0) from events").mapTo(Long.class).one();
  }

  @Override
  public void beforeCommit(Handle handle, List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    long now = clock.millis();
    PreparedBatch batch =
        handle.prepareBatch(
            "insert into changes (seq, n, tenant_id, kind, extensions, queue, data, committed_at)"
                + " values (:seq, :n, :tenant, :kind, :extensions, :queue, :data, :at)");
    long seq = -1;
    int n = 0;
    for (Change change : changes) {
      n = change.seq() == seq ? n + 1 : 0;
      seq = change.seq();
      batch
          .bind("seq", seq)
          .bind("n", n)
          .bind("tenant", change.tenantId())
          .bind("kind", change.kind().name().toLowerCase(Locale.ROOT))
          .bind("extensions", json(change.extensions()))
          .bind("queue", change.queue().orElse(null))
          .bind("data", JsonMappers.text(change.data()))
          .bind("at", now)
          .add();
    }
    batch.execute();
    if (notifications.isPresent()) {
      handle.execute(Notifications.notifyStatement(CHANNEL));
    }
  }

  @Override
  public void afterCommit(List<Change> changes) {
    if (!changes.isEmpty()) {
      wakeups.release();
    }
  }

  /** Stream clients may be on any node: every change is computed. */
  @Override
  public boolean anyoneListening() {
    return true;
  }

  /**
   * Reads the changes committed after the last one read (at most half a client's buffer) and hands
   * them to this node's stream clients; returns how many.
   */
  public int runOnce() {
    List<Change> read = new ArrayList<>();
    long[] last = {cursorSeq.get(), cursorN};
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "select seq, n, tenant_id, kind, extensions, queue, data from changes where"
                        + " seq > :seq or (seq = :seq and n > :n) order by seq, n limit :limit")
                .bind("seq", last[0])
                .bind("n", last[1])
                .bind("limit", readLimit)
                .map(
                    (rs, ctx) -> {
                      last[0] = rs.getLong("seq");
                      last[1] = rs.getLong("n");
                      return change(
                          rs.getLong("seq"),
                          rs.getString("tenant_id"),
                          rs.getString("kind"),
                          rs.getString("extensions"),
                          rs.getString("queue"),
                          rs.getString("data"));
                    })
                .forEach(read::add));
    if (!read.isEmpty()) {
      feed.publish(read);
      cursorN = last[1];
      cursorSeq.set(last[0]);
    }
    return read.size();
  }

  /** The sequence number of the last change handed to this node's clients. */
  public long cursor() {
    return cursorSeq.get();
  }

  /** Deletes the changes committed before {@code keep} ago; returns how many. */
  public int prune(Duration keep) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("delete from changes where committed_at < :before")
                .bind("before", clock.millis() - keep.toMillis())
                .execute());
  }

  /** Starts reading: on every local commit, every notification, and every {@code poll}. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    reader = Thread.ofPlatform().name("shared-changes").daemon().start(this::readWhileRunning);
    notifications.ifPresent(
        listening ->
            listener =
                Thread.ofPlatform()
                    .name("shared-changes-listen")
                    .daemon()
                    .start(() -> listenWhileRunning(listening)));
  }

  private void readWhileRunning() {
    while (running) {
      try {
        wakeups.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
        while (running && runOnce() == readLimit) {
          // a long way behind: read on at once
        }
        if (failing) {
          failing = false;
          log.info("reading shared changes again");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException failed) {
        if (!failing) {
          failing = true;
          log.warn("cannot read shared changes; will try again: {}", failed.toString());
        }
      }
    }
  }

  private void listenWhileRunning(Notifications listening) {
    while (running) {
      try {
        if (listening.await(poll)) {
          wakeups.release();
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException unexpected) {
        log.warn("listening for changes failed; polling meanwhile", unexpected);
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    wakeups.release();
    notifications.ifPresent(Notifications::close);
    for (Thread thread : Arrays.asList(reader, listener)) {
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(5_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String json(Set<String> extensions) {
    try {
      return JSON.writeValueAsString(extensions.stream().sorted().toList());
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static Change change(
      long seq, String tenant, String kind, String extensions, String queue, String data) {
    try {
      Set<String> named =
          Set.copyOf(JSON.readerForListOf(String.class).<List<String>>readValue(extensions));
      return new Change(
          seq,
          tenant,
          Change.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
          named,
          Optional.ofNullable(queue),
          (ObjectNode) JSON.readTree(data));
    } catch (JsonProcessingException corrupt) {
      throw new IllegalStateException("a stored change is not JSON (seq " + seq + ")", corrupt);
    }
  }
}
