package dev.switchboard.hub.contacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's CSV imports, each a job that runs in the background ({@link ContactImport}, in
 * batches of 500 rows each committed) and that the page polls for its progress and, at the end, its
 * report of rejected rows. A file is inspected whole before its job starts (UTF-8, CSV, the
 * required columns), so a bad file is refused with nothing stored. The hub remembers the latest
 * {@value #KEPT} jobs, in memory. Thread-safe.
 */
public final class ContactImports {
  private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

  /** The most jobs remembered; the oldest finished ones are forgotten first. */
  static final int KEPT = 50;

  /** What an import job is doing. */
  public enum State {
    /** Rows are being read and stored. */
    RUNNING,
    /** Every row was read: the counts and the report are final. */
    DONE,
    /** The import stopped on a failure of the hub (the rows of committed batches stay). */
    FAILED;

    /** The wire name: {@code running}, {@code done}, {@code failed}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What a job has done so far.
   *
   * @param id the job's id
   * @param tenantId the tenant imported into
   * @param actor who started it
   * @param state running, done or failed
   * @param rows the file's data rows
   * @param done the rows read so far (a batch at a time)
   * @param created contacts created (final once done)
   * @param updated contacts updated (final once done)
   * @param rejected the rows not imported, with line and reason (final once done)
   * @param error the failure, when failed
   * @param startedAt when it started
   * @param finishedAt when it ended
   */
  public record Status(
      String id,
      String tenantId,
      String actor,
      State state,
      long rows,
      long done,
      long created,
      long updated,
      List<ContactImport.Rejected> rejected,
      Optional<String> error,
      Instant startedAt,
      Optional<Instant> finishedAt) {
    /** Copies the report. */
    public Status {
      rejected = List.copyOf(rejected);
    }
  }

  private final Jdbi jdbi;
  private final ContactStore store;
  private final Clock clock;
  private final ExecutorService runner;
  private final LongConsumer afterBatch;
  private final Map<String, Status> jobs = new LinkedHashMap<>();

  /** Imports into {@code store} through {@code jdbi}, one virtual thread per job. */
  public ContactImports(Jdbi jdbi, ContactStore store, Clock clock) {
    this(jdbi, store, clock, done -> {});
  }

  /** The same, calling {@code afterBatch} with the rows done after each batch is committed. */
  ContactImports(Jdbi jdbi, ContactStore store, Clock clock, LongConsumer afterBatch) {
    this.jdbi = jdbi;
    this.store = store;
    this.clock = clock;
    this.afterBatch = afterBatch;
    this.runner = Executors.newVirtualThreadPerTaskExecutor();
  }

  /**
   * Inspects {@code csv} and starts importing it into {@code tenantId}'s contacts.
   *
   * @throws IllegalArgumentException saying what is wrong with the file (nothing is stored)
   */
  public Status start(String tenantId, String actor, byte[] csv) {
    long rows;
    try {
      rows = ContactImport.inspect(new ByteArrayInputStream(csv));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    if (rows == 0) {
      throw new IllegalArgumentException("the file has a header but no rows");
    }
    Status started =
        new Status(
            UUID.randomUUID().toString(),
            tenantId,
            actor,
            State.RUNNING,
            rows,
            0,
            0,
            0,
            List.of(),
            Optional.empty(),
            clock.instant(),
            Optional.empty());
    put(started);
    runner.execute(() -> run(started, csv));
    return started;
  }

  /** The job {@code id} of {@code tenantId}. */
  public synchronized Optional<Status> find(String tenantId, String id) {
    return Optional.ofNullable(jobs.get(id)).filter(job -> job.tenantId().equals(tenantId));
  }

  private void run(Status job, byte[] csv) {
    try {
      ContactImport.Summary summary =
          new ContactImport(jdbi, store, job.tenantId())
              .run(
                  new ByteArrayInputStream(csv),
                  done -> {
                    update(job.id(), current -> progressed(current, done));
                    afterBatch.accept(done);
                  });
      update(
          job.id(),
          current ->
              new Status(
                  current.id(),
                  current.tenantId(),
                  current.actor(),
                  State.DONE,
                  current.rows(),
                  summary.rows(),
                  summary.created(),
                  summary.updated(),
                  summary.rejected(),
                  Optional.empty(),
                  current.startedAt(),
                  Optional.of(clock.instant())));
    } catch (IOException | RuntimeException failed) {
      log.warn("contact import {} of tenant {} failed", job.id(), job.tenantId(), failed);
      update(
          job.id(),
          current ->
              new Status(
                  current.id(),
                  current.tenantId(),
                  current.actor(),
                  State.FAILED,
                  current.rows(),
                  current.done(),
                  current.created(),
                  current.updated(),
                  current.rejected(),
                  Optional.of(
                      "the import stopped: "
                          + (failed.getMessage() == null ? failed.toString() : failed.getMessage())
                          + "; the rows before it are stored, import the file again to finish"),
                  current.startedAt(),
                  Optional.of(clock.instant())));
    }
  }

  private static Status progressed(Status current, long done) {
    return new Status(
        current.id(),
        current.tenantId(),
        current.actor(),
        current.state(),
        current.rows(),
        done,
        current.created(),
        current.updated(),
        current.rejected(),
        current.error(),
        current.startedAt(),
        current.finishedAt());
  }

  private synchronized void update(String id, java.util.function.UnaryOperator<Status> change) {
    Status current = jobs.get(id);
    if (current != null) {
      jobs.put(id, change.apply(current));
    }
  }

  private synchronized void put(Status job) {
    jobs.put(job.id(), job);
    if (jobs.size() > KEPT) {
      jobs.values().stream()
          .filter(old -> old.state() != State.RUNNING)
          .findFirst()
          .ifPresent(old -> jobs.remove(old.id()));
    }
  }

  /** Stops taking jobs; running ones are interrupted. */
  public void close() {
    runner.shutdownNow();
  }
}
