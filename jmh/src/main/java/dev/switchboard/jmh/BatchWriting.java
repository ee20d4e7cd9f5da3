package dev.switchboard.jmh;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.hub.stream.ChangePublisher;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.Pacing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The intake writer committing one batch to a SQLite file: {@link #calls} answered calls of seven
 * webhooks each, every call with its own agent, appended to the log, folded into call records, the
 * agent board and the stream's changes, in one transaction. Reported per batch; divide by {@code 7
 * * calls} for a webhook.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchWriting {
  /** Calls in a batch (seven webhooks each). */
  @Param({"10", "70"})
  public int calls;

  private final WebhookParser parser = new WebhookParser(WebhookParser.DEFAULT_ZONE);
  private Path folder;
  private Database database;
  private EventWriter writer;
  private long batch;

  /** A fresh SQLite file and a writer on it, as the hub makes them. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    folder = Files.createTempDirectory("switchboard-jmh");
    database = Database.open(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")), "hub");
    new TenantStore(database.jdbi(), Clock.systemUTC())
        .create(
            new Tenant(
                Tenant.DEFAULT_ID, "Default", WebhookParser.DEFAULT_ZONE, SourceNetworks.any()));
    writer =
        new EventWriter(
            database.jdbi(),
            new EventLog(tenant -> parser),
            new CallStore(database.jdbi()),
            new AgentBoard(database.jdbi()),
            new ContactStore(database.jdbi(), Clock.systemUTC()),
            new CallLookups(database.jdbi()),
            ChangePublisher.local(new ChangeFeed(10)),
            new SimpleMeterRegistry(),
            100_000,
            1_000,
            Pacing.none());
  }

  /** Closes the writer and deletes the file. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    writer.close();
    database.close();
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Queues one batch of new calls and commits it. */
  @Benchmark
  public int writeBatch() {
    List<EventDraft> drafts = new ArrayList<>(calls * 7);
    long n = batch++;
    for (int c = 0; c < calls; c++) {
      String callid = String.format("%08x-0000-4000-8000-%012x", n, c);
      String extension = Integer.toString(1000 + c);
      for (Webhooks.Sent sent : Webhooks.answeredCall(callid, extension)) {
        drafts.add(
            EventDraft.webhook(
                Tenant.DEFAULT_ID,
                java.time.Instant.now(),
                Source.WEBHOOK,
                "127.0.0.1",
                RawFormat.QUERY.parse(parser, sent.path(), sent.query()).event(),
                sent.path(),
                RawFormat.QUERY,
                sent.query()));
      }
    }
    // The webhooks of a call in the order sent, the calls interleaved as calls in progress are.
    for (int step = 0; step < 7; step++) {
      for (int c = 0; c < calls; c++) {
        writer.submit(drafts.get(c * 7 + step));
      }
    }
    int written = 0;
    while (written < drafts.size()) {
      written += writer.runOnce(Duration.ZERO);
    }
    return written;
  }
}
