package dev.switchboard.app.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.testing.AppProcess;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two emulator processes dispatch from one outbox on PostgreSQL. The calls are made on one of them,
 * which is killed with SIGKILL while its webhooks are going out: the other sends the rest, the
 * webhooks the dead one had claimed once their claims run out. Every webhook arrives, in order per
 * call; only those the dead process had in flight may arrive twice.
 */
@PostgresTest
@Timeout(240)
class EmulatorDispatchersProcessesTest {
  private static final Pattern READY = Pattern.compile("ready in .* on (http://\\S+)");

  /** How long the CRM takes to answer: slow enough that the calls' webhooks take seconds to go. */
  private static final Duration CRM_DELAY = Duration.ofMillis(120);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AppProcess> processes = new CopyOnWriteArrayList<>();

  /** Every webhook's path and query, in the order the CRM took them. */
  private final List<String> arrivals = new CopyOnWriteArrayList<>();

  private final AtomicInteger receivedCount = new AtomicInteger();
  private HttpServer crm;
  private String database;

  @AfterEach
  void stop() throws Exception {
    for (AppProcess process : processes) {
      process.close();
    }
    if (crm != null) {
      crm.stop(0);
    }
  }

  @Test
  void theOtherProcessSendsWhatTheKilledOneLeftInOrderNothingLost() throws Exception {
    database = TestDatabases.postgres().orElseThrow().jdbcUrl();
    startCrm();
    String hooks = "http://127.0.0.1:" + crm.getAddress().getPort() + "/hooks";
    AppProcess first = start(hooks);
    AppProcess second = start(hooks);
    String firstUrl = urlOf(first);

    int calls = 24;
    for (int i = 0; i < calls; i++) {
      post(
          firstUrl + "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\""
              + String.format("09384%05d", i)
              + "\",\"outcome\":\"answered\",\"after\":"
              + (2 + i % 5)
              + ",\"talk\":"
              + (10 + i)
              + "}");
    }
    post(firstUrl + "/sim/clock", "{\"advance\":120}");

    await().atMost(Duration.ofSeconds(60)).until(() -> receivedCount.get() >= 20);
    first.kill();
    int atKill = receivedCount.get();
    Map<String, List<String>> expected = outbox();
    int total = expected.values().stream().mapToInt(List::size).sum();
    assertThat(total).as("webhooks the calls made").isGreaterThan(calls * 4);
    assertThat(atKill).as("webhooks left when the first process died").isLessThan(total - 20);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> pendingInOutbox() == 0 && receivedCount.get() >= total);
    Map<String, String> keyOf = new ConcurrentHashMap<>();
    expected.forEach(
        (key, webhooks) ->
            webhooks.forEach(
                w ->
                    assertThat(keyOf.merge(w, key, (a, b) -> a))
                        .as("the key of %s", w)
                        .isEqualTo(key)));
    Map<String, List<String>> received = new LinkedHashMap<>();
    for (String webhook : arrivals) {
      assertThat(keyOf).as("a webhook the outbox holds").containsKey(webhook);
      received.computeIfAbsent(keyOf.get(webhook), k -> new ArrayList<>()).add(webhook);
    }
    for (Map.Entry<String, List<String>> key : expected.entrySet()) {
      List<String> got = received.getOrDefault(key.getKey(), List.of());
      assertThat(withoutRepeats(got))
          .as("webhooks of %s, in order", key.getKey())
          .containsExactlyElementsOf(key.getValue());
    }
    int repeats = receivedCount.get() - total;
    assertThat(repeats)
        .as("sent twice: only what the killed process had in flight (16 at most)")
        .isBetween(0, 16);
    assertThat(second.output()).doesNotContain("Exception");
  }

  private AppProcess start(String hooks) throws Exception {
    AppProcess process =
        AppProcess.start(
            Map.of(), "pbx", "--port", "0", "--db", database, "--crm-url", hooks, "--step");
    processes.add(process);
    process.awaitLine(line -> READY.matcher(line).find(), Duration.ofSeconds(90));
    return process;
  }

  private static String urlOf(AppProcess process) {
    Matcher ready = READY.matcher(process.output());
    assertThat(ready.find()).isTrue();
    return ready.group(1);
  }

  /** A CRM that answers every webhook OK after a while, noting what came for which key. */
  private void startCrm() throws IOException {
    crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    crm.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    byte[] ok = CrmReply.OK.toJson().getBytes(StandardCharsets.UTF_8);
    crm.createContext(
        "/hooks",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          String pathAndQuery =
              exchange.getRequestURI().getRawPath().substring("/hooks".length())
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery());
          try {
            Thread.sleep(CRM_DELAY);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          arrivals.add(pathAndQuery);
          receivedCount.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, ok.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(ok);
          }
        });
    crm.start();
  }

  /** Every webhook in the outbox, by ordering key, in id order. */
  private Map<String, List<String>> outbox() throws Exception {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select ordering_key, path_and_query from webhook_outbox order by id")) {
      while (rows.next()) {
        byKey
            .computeIfAbsent(rows.getString("ordering_key"), k -> new ArrayList<>())
            .add(rows.getString("path_and_query"));
      }
    }
    return byKey;
  }

  private long pendingInOutbox() throws Exception {
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select count(*) from webhook_outbox where state <> 'delivered'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<String> withoutRepeats(List<String> webhooks) {
    List<String> once = new ArrayList<>();
    for (String webhook : webhooks) {
      if (once.isEmpty() || !once.get(once.size() - 1).equals(webhook)) {
        once.add(webhook);
      }
    }
    return once;
  }

  private void post(String url, String body) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(url + ": " + reply.body()).isLessThan(300);
  }
}
