package dev.switchboard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeHistory;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
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
  private SqliteIntake intake;
  private Database database;
  private EventLog log;
  private CallStore calls;
  private AgentBoard agents;
  private ContactStore contacts;
  private SimpleMeterRegistry metrics;

  @BeforeEach
  void open() {
    intake = new SqliteIntake(folder, clock);
    database = intake.database;
    log = intake.log;
    calls = intake.calls;
    agents = intake.agents;
    contacts = intake.contacts;
    metrics = intake.metrics;
  }

  @AfterEach
  void close() {
    intake.close();
  }

  private void store(WebhookPath path, String query) {
    intake.submit(Source.WEBHOOK, path, query);
  }

  private void drain() {
    intake.drain();
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
