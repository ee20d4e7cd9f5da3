package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.pbx.traffic.TrafficGenerator;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.MissedCall;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The final webhook and the call-record report say the same of every call: one rounding rule (whole
 * seconds, rounded down) applied once. Queuing a webhook takes time (an outbox insert; at {@code
 * --speed 100} 2 ms are 200 ms of simulated time); the sink here moves the clock by that much per
 * webhook, as a running clock would.
 */
class WebhookAndReportAgreeTest {
  private static final Duration QUEUING_TAKES = Duration.ofMillis(170);

  @Test
  void everyGeneratedCallHasTheSameDurationBillsecAndHoldtimeInWebhookAndReport() {
    TenantSetup tenant = BuiltInCallCenter.tenant(Optional.empty(), Edition.V2);
    SimClock clock = SimClock.stepped(Instant.parse("2024-03-01T01:00:00Z"));
    Map<String, CallRecord> records = new HashMap<>();
    Map<String, MissedCall> missed = new HashMap<>();
    Engine engine =
        new Engine(
            List.of(tenant),
            clock,
            (t, key, event) -> {
              if (event instanceof CallRecord record) {
                records.put(record.callId().value(), record);
              } else if (event instanceof MissedCall miss) {
                missed.put(miss.callId().value(), miss);
              }
              clock.advance(QUEUING_TAKES);
            },
            5,
            Optional.empty(),
            call -> {});
    new TrafficGenerator(engine, 400, 5).start();
    for (int second = 0; second < 3 * 3600; second++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runDue();
    }

    String body =
        new CallRecordReport(engine)
            .reply(
                tenant,
                CdrQuery.between(
                    new PbxKey(BuiltInCallCenter.KEY),
                    LocalDate.of(2024, 3, 1),
                    LocalDate.of(2024, 3, 1)));
    List<CdrEntry> rows = CdrReply.parse(body).result();

    assertThat(rows).hasSizeGreaterThan(800);
    int compared = 0;
    for (CdrEntry row : rows) {
      CallRecord record = records.get(row.callId());
      if (record != null) {
        assertThat(record.duration().orElseThrow().toSeconds())
            .as("duration of %s", row.callId())
            .isEqualTo(row.durationSeconds().orElseThrow());
        assertThat(record.billsec().orElseThrow().toSeconds())
            .as("billsec of %s", row.callId())
            .isEqualTo(row.billableSeconds().orElseThrow());
        compared++;
      } else {
        assertThat(missed.get(row.callId()).holdtime().orElseThrow().toSeconds())
            .as("holdtime of %s", row.callId())
            .isEqualTo(row.holdtimeSeconds().orElseThrow());
      }
    }
    assertThat(compared).isGreaterThan(600);
  }
}
