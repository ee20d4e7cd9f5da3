package dev.switchboard.pbx.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  private record Run(List<String> webhooks, List<FinishedCall> finished) {}

  private static Run simulate(long seed, double callsPerHour, Duration length) {
    var tenant = BuiltInCallCenter.tenant(Optional.empty(), Edition.V2);
    var formatter = new WebhookFormatter(Edition.V2, tenant.zone());
    SimClock clock = SimClock.stepped(Instant.parse("2024-03-01T01:00:00Z"));
    List<String> webhooks = new ArrayList<>();
    List<FinishedCall> finished = new ArrayList<>();
    Engine engine =
        new Engine(
            List.of(tenant),
            clock,
            (t, k, e) -> webhooks.add(formatter.format(e).pathAndQuery()),
            seed,
            Optional.empty(),
            finished::add);
    new TrafficGenerator(engine, callsPerHour, seed).start();
    for (long s = 0; s < length.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runDue();
    }
    return new Run(webhooks, finished);
  }

  @Test
  void theSameSeedGivesTheSameTraffic() {
    assertThat(simulate(7, 120, Duration.ofMinutes(30)).webhooks())
        .isEqualTo(simulate(7, 120, Duration.ofMinutes(30)).webhooks());
    assertThat(simulate(7, 120, Duration.ofMinutes(30)).webhooks())
        .isNotEqualTo(simulate(8, 120, Duration.ofMinutes(30)).webhooks());
  }

  @Test
  void trafficLooksLikeACallCenter() {
    Run run = simulate(3, 240, Duration.ofHours(2));
    // 480 arrivals expected; a Poisson count lies within +-15% with overwhelming probability.
    long calls = run.finished().size();
    assertThat(calls).isBetween(380L, 560L);
    assertThat(run.finished()).anyMatch(c -> c.status().equals("ANSWER") && !c.outbound());
    assertThat(run.finished()).anyMatch(c -> c.status().equals("ABANDON"));
    assertThat(run.finished()).anyMatch(FinishedCall::outbound);
    assertThat(run.finished()).anyMatch(c -> c.status().equals("CANCEL") && c.outbound());
    long outbound = run.finished().stream().filter(FinishedCall::outbound).count();
    assertThat((double) outbound / calls).isBetween(0.1, 0.3);
    double medianTalk =
        run.finished().stream()
            .filter(c -> c.status().equals("ANSWER"))
            .mapToLong(c -> c.billsec().toSeconds())
            .sorted()
            .skip(calls / 4)
            .findFirst()
            .orElse(0);
    assertThat(medianTalk).isBetween(20.0, 200.0);
  }
}
