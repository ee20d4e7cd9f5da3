package dev.switchboard.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 means durably committed: the hub runs as its own process, takes webhooks from concurrent
 * senders and is killed with SIGKILL mid-stream; every event it acknowledged is in the database.
 */
class HubSurvivesSigkillTest {
  private static final Pattern READY = Pattern.compile("ready in .* on (http://localhost:\\d+)");
  private static final Pattern WEBHOOK = Pattern.compile("webhook URL\\s+(\\S+/hooks/\\S+)");

  @TempDir Path folder;

  @Test
  void everyAcknowledgedEventSurvivesSigkill() throws Exception {
    String db = "jdbc:sqlite:" + folder.resolve("hub.db");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.switchboard.app.Main",
            "hub",
            "--port",
            "0",
            "--db",
            db);
    builder.environment().put("SWITCHBOARD_API_TOKEN", "sigkill-test-token-1234");
    builder.environment().put("SWITCHBOARD_RATE_PER_SECOND", "100000");
    builder.environment().put("SWITCHBOARD_RATE_BURST", "100000");
    builder.redirectErrorStream(true);
    Process hub = builder.start();
    String webhookBase = null;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (String line = out.readLine();
          line != null && System.nanoTime() < deadline;
          line = out.readLine()) {
        Matcher webhook = WEBHOOK.matcher(line);
        if (webhook.find()) {
          webhookBase = webhook.group(1);
          break;
        }
      }
      assertThat(webhookBase).as("the hub printed its webhook URL").isNotNull();
      String base = webhookBase;
      Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {}));

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < 16; s++) {
        senders.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (true) {
                        String callId = "k" + next.getAndIncrement();
                        try {
                          HttpResponse<String> reply =
                              client.send(
                                  HttpRequest.newBuilder(
                                          URI.create(
                                              base + "/api/callcenter/hangup?callid=" + callId))
                                      .timeout(Duration.ofSeconds(5))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                          if (reply.statusCode() == 200) {
                            acknowledged.add(callId);
                          }
                        } catch (Exception killed) {
                          return;
                        }
                      }
                    }));
      }
      while (acknowledged.size() < 300) {
        Thread.sleep(5);
      }
      hub.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
      hub.waitFor(10, TimeUnit.SECONDS);
      for (Thread sender : senders) {
        sender.join(10_000);
      }

      try (Database database = Database.open(DatabaseSettings.of(db), "hub")) {
        Set<String> stored =
            Set.copyOf(
                database
                    .jdbi()
                    .withHandle(
                        h ->
                            h.createQuery("select callid from events").mapTo(String.class).list()));
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
        assertThat(stored).containsAll(acknowledged);
      }
    } finally {
      hub.destroyForcibly();
    }
  }
}
