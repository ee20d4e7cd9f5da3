package dev.switchboard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.hub.stream.ChangeHistory;
import dev.switchboard.hub.stream.ChangePublisher;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.Database;
import dev.switchboard.store.Pacing;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming the stream costs work linear in what was missed, bounded, and stops when the client is
 * gone. Measured by the events the replay reads (its own counter), never by time.
 */
class ChangeReplayTest {
  private static final int RINGING = 3_000;

  @TempDir Path folder;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  private final WebhookParser parser = new WebhookParser(WebhookParser.DEFAULT_ZONE);
  private Database database;
  private EventLog log;
  private CallStore calls;
  private AgentBoard agents;
  private ContactStore contacts;
  private EventWriter writer;
  private SimpleMeterRegistry metrics;

  @BeforeEach
  void open() {
    database = Database.open(TestDatabases.sqlite(folder), "hub");
    new TenantStore(database.jdbi(), clock)
        .create(
            new Tenant(
                Tenant.DEFAULT_ID, "Default", WebhookParser.DEFAULT_ZONE, SourceNetworks.any()));
    log = new EventLog(tenant -> parser);
    calls = new CallStore(database.jdbi());
    agents = new AgentBoard(database.jdbi());
    contacts = new ContactStore(database.jdbi(), clock);
    metrics = new SimpleMeterRegistry();
    writer =
        new EventWriter(
            database.jdbi(),
            log,
            calls,
            agents,
            contacts,
            new CallLookups(database.jdbi()),
            ChangePublisher.local(new ChangeFeed(10)),
            metrics,
            100_000,
            500,
            Pacing.none());
  }

  @AfterEach
  void close() {
    writer.close();
    database.close();
  }

  private void store(WebhookPath path, String query) {
    writer.submit(
        EventDraft.webhook(
            Tenant.DEFAULT_ID,
            clock.instant(),
            Source.WEBHOOK,
            "127.0.0.1",
            RawFormat.QUERY.parse(parser, path, query).event(),
            path,
            RawFormat.QUERY,
            query));
  }

  private void drain() {
    while (writer.runOnce(Duration.ZERO) > 0) {
      // until the queue is empty
    }
  }

  /** {@code count} calls ringing, each at an extension of fifty, one event each. */
  private void ringing(int count) {
    for (int i = 0; i < count; i++) {
      store(
          WebhookPath.CALL_IN,
          "phone=09383"
              + String.format("%05d", i)
              + "&extension="
              + (100 + i % 50)
              + "&callid=r"
              + i);
    }
    drain();
  }

  private ChangeReplay replay(int maxEvents) {
    return new ChangeReplay(
        database.jdbi(), log, calls, agents, contacts, CallbackChanges.none(), maxEvents, metrics);
  }

  private double eventsRead() {
    return metrics.get("switchboard.stream.replay.events_read").counter().count();
  }

  @Test
  void resumingOverThousandsOfRingingCallsReadsEachEventTwiceAtMost() {
    ringing(RINGING);
    List<Change> sent = new ArrayList<>();
    ChangeHistory.Outcome outcome = replay(10_000).replay(0, sent::add);
    assertThat(outcome).isEqualTo(ChangeHistory.Outcome.COMPLETE);
    // One pass over what was missed, then each call's own events: never events times calls.
    assertThat(eventsRead()).isEqualTo(2.0 * RINGING);
    assertThat(sent).filteredOn(c -> c.kind() == Change.Kind.CALL).hasSize(RINGING);
    assertThat(sent).filteredOn(c -> c.kind() == Change.Kind.SCREEN_POP).hasSize(RINGING);
    assertThat(sent).filteredOn(c -> c.kind() == Change.Kind.AGENT).hasSize(50);
    assertThat(sent).extracting(Change::seq).isSorted();
  }

  @Test
  void aReplayStopsAsSoonAsItsClientIsGone() {
    ringing(RINGING);
    List<Change> offered = new ArrayList<>();
    ChangeHistory.Outcome outcome =
        replay(10_000)
            .replay(
                0,
                change -> {
                  offered.add(change);
                  return offered.size() < 10; // the tenth send found the client gone
                });
    assertThat(outcome).isEqualTo(ChangeHistory.Outcome.ABANDONED);
    assertThat(offered).hasSize(10);
    // The pass over what was missed, and the calls of the one chunk computed before the send.
    assertThat(eventsRead()).isLessThanOrEqualTo(RINGING + 64);
    assertThat(
            metrics.get("switchboard.stream.replays").tag("outcome", "abandoned").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aClientMoreThanMaxReplayEventsBehindIsToldToReloadAfterReadingNoMore() {
    ringing(300);
    List<Change> sent = new ArrayList<>();
    assertThat(replay(100).replay(0, sent::add)).isEqualTo(ChangeHistory.Outcome.TOO_FAR_BEHIND);
    assertThat(sent).isEmpty();
    assertThat(eventsRead()).isEqualTo(101.0);
  }

  @Test
  void aReplayThatWouldReadMoreThanItsBudgetIsCut() {
    for (int i = 1; i <= 40; i++) {
      store(
          WebhookPath.CALLDATA,
          "callid=long&status=ANSWER&extension=101&phone=0938363739&duration=" + i);
    }
    drain();
    long last = database.jdbi().withHandle(log::lastSeq);
    List<Change> sent = new ArrayList<>();
    // One event missed, but folding its call reads forty: more than three per event replayable.
    ChangeHistory.Outcome outcome = replay(10).replay(last - 1, sent::add);
    assertThat(outcome).isEqualTo(ChangeHistory.Outcome.CUT);
    assertThat(sent).isEmpty();
    assertThat(eventsRead()).isEqualTo(41.0);
  }
}
