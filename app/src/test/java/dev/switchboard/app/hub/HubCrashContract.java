package dev.switchboard.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.bench.IntakeMix;
import dev.switchboard.app.testing.AppProcess;
import dev.switchboard.protocol.Edition;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 200 means durably committed, whatever kills the hub: the hub runs as its own process on the
 * database {@link #database()}, takes the bench's many-agent mix from concurrent senders and is
 * killed with SIGKILL mid-stream; after a restart every webhook it answered 200 is in the log (each
 * one, by its path and query), and rebuilding every call record from the log changes none of them
 * (the records the hub had committed with those events are what the events say).
 */
abstract class HubCrashContract {
  private static final Pattern WEBHOOK = Pattern.compile("webhook URL\\s+(\\S+/hooks/\\S+)");
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "SWITCHBOARD_API_TOKEN", "crash-test-token-1234567",
          "SWITCHBOARD_RATE_PER_SECOND", "100000",
          "SWITCHBOARD_RATE_BURST", "100000");
  private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 1500;

  /** A new, empty database for this test. */
  abstract DatabaseSettings database();

  @Test
  @Timeout(240)
  void everyAcknowledgedWebhookSurvivesSigkillAndTheRecordsRebuildIdentically() throws Exception {
    String db = database().jdbcUrl();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AppProcess hub = AppProcess.start(ENVIRONMENT, "hub", "--port", "0", "--db", db);
    try {
      Matcher webhook =
          WEBHOOK.matcher(hub.awaitLine(WEBHOOK.asPredicate(), Duration.ofSeconds(90)));
      assertThat(webhook.find()).isTrue();
      String base = webhook.group(1);
      LongFunction<String> mix = IntakeMix.of(Edition.V2).urls(base, "crash", 200, 5000);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      AtomicLong next = new AtomicLong();
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < 16; s++) {
        senders.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (true) {
                        String url = mix.apply(next.getAndIncrement());
                        try {
                          HttpResponse<String> reply =
                              client.send(
                                  HttpRequest.newBuilder(URI.create(url))
                                      .timeout(Duration.ofSeconds(10))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                          if (reply.statusCode() == 200) {
                            acknowledged.add(url.substring(base.length()));
                          }
                        } catch (Exception killed) {
                          return;
                        }
                      }
                    }));
      }
      while (acknowledged.size() < ACKNOWLEDGED_BEFORE_THE_KILL) {
        Thread.sleep(5);
      }
      hub.kill(); // SIGKILL: no shutdown hook, no final commit
      for (Thread sender : senders) {
        sender.join(15_000);
      }
    } finally {
      hub.kill();
    }

    // The restarted hub comes up on what the killed one left.
    try (AppProcess again = AppProcess.start(ENVIRONMENT, "hub", "--port", "0", "--db", db)) {
      again.awaitLine(line -> line.contains("ready in"), Duration.ofSeconds(90));
    }
    try (Database database = Database.open(DatabaseSettings.of(db), "hub")) {
      Set<String> logged =
          new HashSet<>(
              database
                  .jdbi()
                  .withHandle(
                      h ->
                          h.createQuery(
                                  "select path || '?' || raw from events where raw is not null")
                              .mapTo(String.class)
                              .list()));
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);
      assertThat(acknowledged).allSatisfy(url -> assertThat(logged).contains(url));
    }
    try (AppProcess rebuild = AppProcess.start(ENVIRONMENT, "hub", "rebuild", "--db", db)) {
      assertThat(rebuild.exitCode(Duration.ofSeconds(120))).as(rebuild.output()).isZero();
      Matcher counts =
          Pattern.compile("(\\d+) call\\(s\\) rebuilt from the log; (\\d+) differed")
              .matcher(rebuild.output());
      assertThat(counts.find()).as(rebuild.output()).isTrue();
      assertThat(Integer.parseInt(counts.group(1))).isGreaterThan(100);
      assertThat(counts.group(2)).as(rebuild.output()).isEqualTo("0");
    }
  }
}
