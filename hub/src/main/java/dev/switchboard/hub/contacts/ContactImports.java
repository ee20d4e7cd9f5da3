package dev.switchboard.hub.contacts;

import dev.switchboard.protocol.JsonMappers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * required columns), so a bad file is refused with nothing stored. Jobs are kept in the database
 * ({@code contact_imports}) for {@link #KEPT_FOR}, so any node answers a poll; a job whose node
 * stopped before it ended (no progress for {@link #STALLED_AFTER}) is answered as failed.
 * Thread-safe.
 */
public final class ContactImports {
  private static final Logger log = LoggerFactory.getLogger(ContactImports.class);

  /** How long a job's report is kept. */
  static final java.time.Duration KEPT_FOR = java.time.Duration.ofDays(7);

  /** A running job not updated for this long stopped with its node. */
  static final java.time.Duration STALLED_AFTER = java.time.Duration.ofMinutes(5);

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

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
  public Optional<Status> find(String tenantId, String id) {
    return read(id)
        .filter(job -> job.tenantId().equals(tenantId))
        .map(
            job ->
                job.state() == State.RUNNING && stalled(id)
                    ? new Status(
                        job.id(),
                        job.tenantId(),
                        job.actor(),
                        State.FAILED,
                        job.rows(),
                        job.done(),
                        job.created(),
                        job.updated(),
                        job.rejected(),
                        Optional.of(
                            "the import stopped with the hub that ran it; the rows before it are"
                                + " stored, import the file again to finish"),
                        job.startedAt(),
                        job.finishedAt())
                    : job);
  }

  private boolean stalled(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select updated_at from contact_imports where id = :id")
                .bind("id", id)
                .mapTo(Long.class)
                .findOne()
                .map(at -> at < clock.millis() - STALLED_AFTER.toMillis())
                .orElse(false));
  }

  private Optional<Status> read(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from contact_imports where id = :id")
                .bind("id", id)
                .map(
                    (rs, ctx) -> {
                      long finished = rs.getLong("finished_at");
                      boolean hasFinished = !rs.wasNull();
                      return new Status(
                          rs.getString("id"),
                          rs.getString("tenant_id"),
                          rs.getString("actor"),
                          State.valueOf(rs.getString("state")),
                          rs.getLong("rows_total"),
                          rs.getLong("rows_done"),
                          rs.getLong("created"),
                          rs.getLong("updated"),
                          rejected(rs.getString("rejected")),
                          Optional.ofNullable(rs.getString("error")),
                          Instant.ofEpochMilli(rs.getLong("started_at")),
                          hasFinished
                              ? Optional.of(Instant.ofEpochMilli(finished))
                              : Optional.empty());
                    })
                .findOne());
  }

  private static List<ContactImport.Rejected> rejected(String json) {
    try {
      List<ContactImport.Rejected> rows = new java.util.ArrayList<>();
      for (var row : JSON.readTree(json)) {
        rows.add(new ContactImport.Rejected(row.get("line").asLong(), row.get("reason").asText()));
      }
      return rows;
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static String rejectedJson(List<ContactImport.Rejected> rows) {
    var array = JSON.createArrayNode();
    rows.forEach(row -> array.addObject().put("line", row.line()).put("reason", row.reason()));
    return JsonMappers.text(array);
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

  /** Only the job's own node writes it, one change at a time. */
  private synchronized void update(String id, java.util.function.UnaryOperator<Status> change) {
    read(id).ifPresent(current -> write(change.apply(current), false));
  }

  private synchronized void put(Status job) {
    write(job, true);
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from contact_imports where started_at < :old")
                .bind("old", clock.millis() - KEPT_FOR.toMillis())
                .execute());
  }

  private void write(Status job, boolean insert) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    insert
                        ? "insert into contact_imports (id, tenant_id, actor, state, rows_total,"
                            + " rows_done, created, updated, rejected, error, started_at,"
                            + " updated_at, finished_at) values (:id, :tenant, :actor, :state,"
                            + " :rows, :done, :created, :updated, :rejected, :error, :started,"
                            + " :now, :finished)"
                        : "update contact_imports set state = :state, rows_done = :done, created"
                            + " = :created, updated = :updated, rejected = :rejected, error ="
                            + " :error, updated_at = :now, finished_at = :finished where id = :id")
                .bind("id", job.id())
                .bind("tenant", job.tenantId())
                .bind("actor", job.actor())
                .bind("state", job.state().name())
                .bind("rows", job.rows())
                .bind("done", job.done())
                .bind("created", job.created())
                .bind("updated", job.updated())
                .bind("rejected", rejectedJson(job.rejected()))
                .bind("error", job.error().orElse(null))
                .bind("started", job.startedAt().toEpochMilli())
                .bind("now", clock.millis())
                .bind("finished", job.finishedAt().map(Instant::toEpochMilli).orElse(null))
                .execute());
  }

  /** Stops taking jobs; running ones are interrupted. */
  public void close() {
    runner.shutdownNow();
  }
}
