package dev.switchboard.jmh;

import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.protocol.webhook.WebhookParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call's logged events to its record, as the writer folds it at every event of the call: here the
 * whole answered call (its call events; the status changes carry no callid).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallFolding {
  private static final String CALL = "5e012a75-121b-4c10-bdb4-c4b235b6a677";
  private List<LoggedEvent> events;

  /** Parses the call's webhooks once. */
  @Setup
  public void parse() {
    WebhookParser parser = new WebhookParser(WebhookParser.DEFAULT_ZONE);
    Instant at = Instant.parse("2024-03-01T06:15:40Z");
    events = new ArrayList<>();
    long seq = 1;
    for (Webhooks.Sent sent : Webhooks.answeredCall(CALL, "101")) {
      EventDraft draft =
          EventDraft.webhook(
              Tenant.DEFAULT_ID,
              at.plusSeconds(seq),
              Source.WEBHOOK,
              "127.0.0.1",
              RawFormat.QUERY.parse(parser, sent.path(), sent.query()).event(),
              sent.path(),
              RawFormat.QUERY,
              sent.query());
      if (draft.callId().isPresent()) {
        events.add(draft.logged(seq));
      }
      seq++;
    }
  }

  /** The record of the whole call. */
  @Benchmark
  public Call foldAnsweredCall() {
    return CallFold.fold(Tenant.DEFAULT_ID, CALL, events);
  }
}
