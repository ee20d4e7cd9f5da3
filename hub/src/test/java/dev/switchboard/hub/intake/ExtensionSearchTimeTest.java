package dev.switchboard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.calls.CallFilter;
import dev.switchboard.hub.calls.CallScope;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search by extension reads the call's time from the extension's own rows: when a call's
 * first-seen time moves (known first from the PBX's call records, then seen live), the search by
 * extension and time follows it.
 */
class ExtensionSearchTimeTest {
  @TempDir Path folder;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  private SqliteIntake intake;
  private CallStore calls;

  @BeforeEach
  void open() {
    intake = new SqliteIntake(folder, clock);
    calls = intake.calls;
  }

  @AfterEach
  void close() {
    intake.close();
  }

  @Test
  void aCallKnownFromItsRecordThenSeenLiveIsFoundByExtensionAtItsNewTime() {
    // The record, synced: the call's time is its calldate, a day before.
    store(
        Source.CDR_SYNC,
        WebhookPath.CALLDATA,
        "callid=m1&calldate=2024-02-29 10:00:00&duration=20&billsec=0&status=NOANSWER"
            + "&did=19002028&extension=107&phone=0938363739&direction=Inbound");
    Instant dayBefore = Instant.parse("2024-02-29T00:00:00Z");
    Instant today = Instant.parse("2024-03-01T00:00:00Z");
    assertThat(search("107", dayBefore, today)).containsExactly("m1");
    assertThat(search("107", today, today.plus(Duration.ofDays(1)))).isEmpty();

    // Then its webhooks arrive, late: the call's time is when it was first seen live.
    clock.advance(Duration.ofMinutes(5));
    store(
        Source.WEBHOOK,
        WebhookPath.CALL_IN,
        "phone=0938363739&queue=999&extension=107&callid=m1&event=RINGING&did=19002028");
    assertThat(calls.find(Tenant.DEFAULT_ID, "m1").orElseThrow().path("first_seen_at").asText())
        .isEqualTo("2024-03-01T06:20:00Z");
    assertThat(search("107", dayBefore, today)).isEmpty();
    assertThat(search("107", today, today.plus(Duration.ofDays(1)))).containsExactly("m1");
  }

  private List<String> search(String extension, Instant from, Instant to) {
    CallFilter filter =
        new CallFilter(
            Optional.of(Tenant.DEFAULT_ID),
            Optional.of(from),
            Optional.of(to),
            Optional.empty(),
            Optional.of(extension),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return calls
        .list(filter, CallScope.all(Optional.of(Tenant.DEFAULT_ID)), Optional.empty(), 10)
        .calls()
        .stream()
        .map((ObjectNode call) -> call.path("callid").asText())
        .toList();
  }

  private void store(Source source, WebhookPath path, String query) {
    intake.submit(source, path, query);
    intake.drain();
  }
}
