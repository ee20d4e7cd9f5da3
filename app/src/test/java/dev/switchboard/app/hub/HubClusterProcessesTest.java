package dev.switchboard.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.testing.AppProcess;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.protocol.Edition;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hub processes on one PostgreSQL database behind a round-robin balancer, fed by the
 * emulator: one call's webhooks reach different nodes. One node is killed with SIGKILL mid-run and
 * started again. Every call record on every node equals the emulator's; the streams of the nodes
 * that lived carry exactly the committed changes, in log order; the killed node's stream had a
 * prefix of them and its client resumes by {@code Last-Event-ID} on the restarted node; the
 * call-record sync ran on one node at a time, once per period.
 */
@PostgresTest
@Timeout(300)
class HubClusterProcessesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern READY = Pattern.compile("ready in .* on (http://localhost:\\d+)");
  private static final String API_TOKEN = "cluster-processes-test-token";
  private static final int NODES = 3;
  private static final Duration SYNC_EVERY = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AppProcess> processes = new CopyOnWriteArrayList<>();
  private final List<Stream> streams = new CopyOnWriteArrayList<>();
  private final AtomicReferenceArray<String> nodeUrls = new AtomicReferenceArray<>(NODES);
  private final AtomicInteger nextNode = new AtomicInteger();

  /** When each call-record query reached the PBX, in milliseconds since the test began. */
  private final List<Long> recordQueries = new CopyOnWriteArrayList<>();

  private final long began = System.nanoTime();
  private HttpServer balancer;
  private HttpServer pbxFront;
  private Pbx pbx;
  private String database;

  @TempDir Path folder;

  @AfterEach
  void stop() throws Exception {
    streams.forEach(Stream::close);
    if (pbx != null) {
      pbx.close();
    }
    for (AppProcess process : processes) {
      process.close();
    }
    if (balancer != null) {
      balancer.stop(0);
    }
    if (pbxFront != null) {
      pbxFront.stop(0);
    }
  }

  @Test
  void threeNodesOneKilledAndBackNothingLostEveryStreamComplete() throws Exception {
    DatabaseSettings settings = TestDatabases.postgres().orElseThrow();
    database = settings.jdbcUrl();

    // Three processes started at once on a new database.
    List<CompletableFuture<AppProcess>> starting = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      starting.add(CompletableFuture.supplyAsync(this::startNode));
    }
    List<AppProcess> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      AppProcess node = starting.get(i).get();
      nodes.add(node);
      nodeUrls.set(i, urlOf(node));
    }

    // The streams open first: once the PBX is set, the status poll may log a change at any time.
    for (int i = 0; i < NODES; i++) {
      streams.add(Stream.open(http, nodeUrls.get(i), API_TOKEN, null));
    }
    startBalancer();
    startPbxFront();
    String token =
        api("POST", nodeUrls.get(0), "/v1/tenant/webhook-token", null).get("token").asText();
    pbx = startPbx("http://127.0.0.1:" + balancer.getAddress().getPort() + "/hooks/" + token);
    JsonNode pbxSet =
        api(
            "PUT",
            nodeUrls.get(1),
            "/v1/tenant/pbx",
            JSON.createObjectNode()
                .put("api_url", "http://127.0.0.1:" + pbxFront.getAddress().getPort())
                .put("domain", BuiltInCallCenter.DOMAIN)
                .put("key", BuiltInCallCenter.KEY)
                .toString());
    assertThat(pbxSet.toString()).doesNotContain(BuiltInCallCenter.KEY);

    // Before, during and after the loss of node 2.
    traffic(0, 8);
    AppProcess killed = nodes.get(2);
    traffic(8, 4);
    killed.kill();
    traffic(12, 8);
    AppProcess restarted = startNode();
    nodeUrls.set(2, urlOf(restarted));
    Stream before = streams.get(2);
    long resumeFrom = before.lastId();
    Stream resumed = Stream.open(http, nodeUrls.get(2), API_TOKEN, resumeFrom);
    streams.add(resumed);
    traffic(20, 8);

    List<FinishedCall> truth =
        pbx.engine()
            .finished(
                BuiltInCallCenter.DOMAIN,
                Optional.empty(),
                LocalDate.of(2000, 1, 1),
                LocalDate.of(2100, 1, 1));
    assertThat(truth).hasSize(28 * 2);
    await().atMost(Duration.ofSeconds(60)).until(() -> pbx.dispatcher().stats().pending() == 0);
    assertThat(pbx.dispatcher().stats().dead()).as("webhooks given up").isZero();

    // Every node serves every call as the emulator made it.
    for (int i = 0; i < NODES; i++) {
      String node = nodeUrls.get(i);
      for (FinishedCall call : truth) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> "ended".equals(callOn(node, call.callId()).path("state").asText()));
        assertSame(call, callOn(node, call.callId()));
      }
    }

    // The streams of the nodes that lived: exactly what was committed, in log order. A node's
    // status
    // poll may still commit a correction after the last call ended, so the log is read again
    // until the stream and the log agree (or the time is up, and the assertion says what differs).
    assertThat(committedChanges()).hasSizeGreaterThan(truth.size() * 3);
    for (int i = 0; i < 2; i++) {
      Stream stream = streams.get(i);
      List<String> committed = agreedOrLatest(stream);
      assertThat(stream.seen())
          .as(
              "node %d's stream (%s), which lacks %s and has besides %s; the nodes' warnings: %s",
              i,
              stream.notes(),
              without(committed, stream.seen()),
              without(stream.seen(), committed),
              warnings())
          .containsExactlyElementsOf(committed);
    }
    List<String> committed = agreedOrLatest(streams.get(0));
    // The killed node's stream: a prefix of the log up to the kill.
    List<String> cut = before.seen();
    assertThat(cut).isNotEmpty();
    assertThat(committed.subList(0, cut.size())).isEqualTo(cut);
    // Resumed on the restarted node: from its last id on, in log order, up to the last change.
    long last = Long.parseLong(committed.get(committed.size() - 1).split(" ")[0]);
    await().atMost(Duration.ofSeconds(30)).until(() -> resumed.lastId() >= last);
    List<String> resumedUpToLast = resumed.seen().stream().filter(c -> seqOf(c) <= last).toList();
    List<Long> ids = resumedUpToLast.stream().map(HubClusterProcessesTest::seqOf).toList();
    assertThat(ids).isSorted().allMatch(id -> id > resumeFrom);
    assertThat(lastStates(resumedUpToLast))
        .as("the latest state of every call and agent, on the resumed stream as in the log")
        .isEqualTo(lastStates(committed.stream().filter(c -> seqOf(c) > resumeFrom).toList()));

    // The call-record sync ran on one node at a time: never two runs closer than the period.
    List<Long> runs = runsOf(recordQueries);
    assertThat(runs).as("call-record sync runs").hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i) - runs.get(i - 1))
          .as("milliseconds between sync runs %s", runs)
          .isGreaterThanOrEqualTo(SYNC_EVERY.toMillis() - 250);
    }
  }

  /**
   * The committed changes once {@code stream} shows exactly them, read again while it does not (up
   * to 30 seconds); the last read if it never does.
   */
  private List<String> agreedOrLatest(Stream stream) throws Exception {
    List<List<String>> latest = new ArrayList<>(List.of(committedChanges()));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                latest.set(0, committedChanges());
                return stream.seen().equals(latest.get(0));
              });
    } catch (ConditionTimeoutException differs) {
      // the caller's assertion says what differs
    }
    return latest.get(0);
  }

  /** The elements of {@code these} that {@code others} lacks, in order. */
  private static List<String> without(List<String> these, List<String> others) {
    java.util.Set<String> other = new java.util.HashSet<>(others);
    return these.stream().filter(e -> !other.contains(e)).limit(20).toList();
  }

  /** The lines of warning and error the hub processes printed. */
  private List<String> warnings() {
    return processes.stream()
        .flatMap(process -> process.output().lines())
        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
        .limit(50)
        .toList();
  }

  private AppProcess startNode() {
    try {
      AppProcess node =
          AppProcess.start(
              Map.of(
                  "SWITCHBOARD_API_TOKEN",
                  API_TOKEN,
                  "SWITCHBOARD_RATE_PER_SECOND",
                  "100000",
                  "SWITCHBOARD_RATE_BURST",
                  "100000",
                  "SWITCHBOARD_RECONCILE_EVERY",
                  SYNC_EVERY.toSeconds() + "s"),
              "hub",
              "--port",
              "0",
              "--db",
              database);
      processes.add(node);
      node.awaitLine(line -> READY.matcher(line).find(), Duration.ofSeconds(90));
      return node;
    } catch (IOException | InterruptedException failed) {
      throw new IllegalStateException(failed);
    }
  }

  private static String urlOf(AppProcess node) {
    Matcher ready = READY.matcher(node.output());
    assertThat(ready.find()).isTrue();
    return ready.group(1);
  }

  /**
   * {@code count} inbound calls, a quarter of them abandoned, run out by the clock; then an
   * outbound callback to each caller.
   */
  private void traffic(int first, int count) throws Exception {
    for (int i = first; i < first + count; i++) {
      post(
          pbx.baseUrl() + "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\""
              + phone(i)
              + "\",\"outcome\":\""
              + (i % 4 == 3 ? "abandoned" : "answered")
              + "\",\"after\":"
              + (2 + i % 7)
              + (i % 4 == 3 ? "" : ",\"talk\":" + (10 + i))
              + "}");
    }
    runOut();
    for (int i = first; i < first + count; i++) {
      post(
          pbx.baseUrl() + "/sim/calls",
          "{\"direction\":\"outbound\",\"extension\":\"10"
              + (1 + (i - first) % 8)
              + "\",\"phone\":\""
              + phone(i)
              + "\",\"outcome\":\"answered\",\"after\":3,\"talk\":"
              + (5 + i)
              + "}");
    }
    runOut();
  }

  private static String phone(int call) {
    return String.format("09383%05d", call);
  }

  /** Five simulated minutes, then the webhooks they made delivered to the nodes as they are now. */
  private void runOut() throws Exception {
    for (int step = 0; step < 10; step++) {
      post(pbx.baseUrl() + "/sim/clock", "{\"advance\":30}");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> pbx.dispatcher().stats().pending() == 0);
  }

  private Pbx startPbx(String hooks) {
    PbxConfig config =
        new PbxConfig(
            new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
            List.of(BuiltInCallCenter.tenant(Optional.of(hooks), Edition.V2)),
            new PbxConfig.ClockSettings(1, true),
            0,
            17,
            new PbxConfig.Delivery(Duration.ofHours(1), 0));
    return Pbx.start(config, Clock.systemUTC());
  }

  /**
   * A load balancer in front of the nodes: each request goes to the next node in turn, and to the
   * one after when a node does not answer (as nginx's {@code proxy_next_upstream error}).
   */
  private void startBalancer() throws IOException {
    balancer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    balancer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    balancer.createContext(
        "/",
        exchange -> {
          int start = nextNode.getAndIncrement();
          for (int i = 0; i < NODES; i++) {
            String node = nodeUrls.get(Math.floorMod(start + i, NODES));
            try {
              forward(exchange, node);
              return;
            } catch (IOException down) {
              // the next node
            }
          }
          answer(exchange, 502, "no node answered".getBytes(StandardCharsets.UTF_8));
        });
    balancer.start();
  }

  /** The PBX's API, counting the call-record queries the hubs make. */
  private void startPbxFront() throws IOException {
    pbxFront = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pbxFront.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    pbxFront.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath().toLowerCase(java.util.Locale.ROOT);
          if (path.contains("cdr") || path.contains("record") || path.contains("report")) {
            recordQueries.add(Duration.ofNanos(System.nanoTime() - began).toMillis());
          }
          try {
            forward(exchange, pbx.baseUrl());
          } catch (IOException down) {
            answer(exchange, 502, new byte[0]);
          }
        });
    pbxFront.start();
  }

  private void forward(HttpExchange exchange, String base) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(10))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> reply;
    try {
      reply = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException(interrupted);
    }
    reply
        .headers()
        .firstValue("content-type")
        .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
    answer(exchange, reply.statusCode(), reply.body());
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static final java.util.Set<String> HOP_HEADERS =
      java.util.Set.of("host", "content-length", "connection", "transfer-encoding");

  private JsonNode api(String method, String node, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node + path))
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body()).isLessThan(300);
    return JSON.readTree(reply.body());
  }

  private JsonNode callOn(String node, String callId) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(node + "/v1/calls/" + callId))
                .header("Authorization", "Bearer " + API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return reply.statusCode() == 200
        ? JSON.readTree(reply.body()).path("call")
        : JSON.createObjectNode();
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

  /** The hub's record says what the emulator's record says, field by field. */
  private static void assertSame(FinishedCall expected, JsonNode actual) {
    assertThat(actual.get("state").asText()).as(expected.callId()).isEqualTo("ended");
    String outcome =
        switch (expected.status()) {
          case "ANSWER" -> "answered";
          case "ABANDON" -> "missed";
          case "BUSY" -> "busy";
          default -> expected.outbound() ? "no_answer" : "missed";
        };
    assertThat(actual.get("outcome").asText()).as(expected.callId()).isEqualTo(outcome);
    assertThat(actual.get("direction").asText())
        .isEqualTo(expected.outbound() ? "outbound" : "inbound");
    assertThat(actual.at("/customer/raw").asText()).isEqualTo(expected.phone());
    if (expected.status().equals("ANSWER")) {
      assertThat(actual.get("billsec").asLong()).isEqualTo(expected.billsec().toSeconds());
      assertThat(actual.get("duration").asLong()).isEqualTo(expected.duration().toSeconds());
      assertThat(actual.get("answered_by").asText()).isEqualTo(expected.extension().orElseThrow());
    }
  }

  /** Every change the nodes committed, in log order, as the streams show them. */
  private List<String> committedChanges() throws Exception {
    List<String> rows = new ArrayList<>();
    try (var connection = DriverManager.getConnection(database);
        var statement = connection.createStatement();
        var result =
            statement.executeQuery("select seq, kind, data from changes order by seq, n")) {
      while (result.next()) {
        rows.add(line(result.getLong("seq"), result.getString("kind"), result.getString("data")));
      }
    }
    return rows;
  }

  private static String line(long seq, String kind, String data) {
    try {
      JsonNode node = JSON.readTree(data);
      return seq
          + " "
          + kind
          + " "
          + node.path("callid").asText()
          + "/"
          + node.path("extension").asText()
          + "/"
          + node.path("state").asText()
          + node.path("status").asText();
    } catch (IOException notJson) {
      throw new AssertionError(notJson);
    }
  }

  private static long seqOf(String line) {
    return Long.parseLong(line.split(" ")[0]);
  }

  /**
   * The last state of each call and agent in {@code lines}. Screen-pops are left out: a resumed
   * client is sent those of calls still ringing only.
   */
  private static Map<String, String> lastStates(List<String> lines) {
    Map<String, String> states = new java.util.TreeMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      if (parts[1].equals("screen_pop")) {
        continue;
      }
      String[] about = parts[2].split("/", -1);
      states.put(parts[1] + " " + (parts[1].equals("agent") ? about[1] : about[0]), about[2]);
    }
    return states;
  }

  /** Queries less than a second apart belong to one run. */
  private static List<Long> runsOf(List<Long> queries) {
    List<Long> sorted = new ArrayList<>(queries);
    Collections.sort(sorted);
    List<Long> runs = new ArrayList<>();
    for (long at : sorted) {
      if (runs.isEmpty() || at - runs.get(runs.size() - 1) > 1_000) {
        runs.add(at);
      }
    }
    return runs;
  }

  /** A stream client: every event's id, name and what it is about, in the order received. */
  private static final class Stream implements AutoCloseable {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final Map<String, String> current = new LinkedHashMap<>();
    private volatile long lastId;
    private final Thread reader;
    private volatile InputStream body;

    private Stream(HttpClient http, String url, String token, Long lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url + "/v1/stream"))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", Long.toString(lastEventId));
        lastId = lastEventId;
      }
      HttpResponse<InputStream> reply =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(reply.statusCode()).isEqualTo(200);
      body = reply.body();
      reader = Thread.ofPlatform().daemon().start(this::read);
    }

    static Stream open(HttpClient http, String url, String token, Long lastEventId)
        throws Exception {
      return new Stream(http, url, token, lastEventId);
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
          if (l.isEmpty()) {
            if (current.containsKey("data") && current.containsKey("id")) {
              long id = Long.parseLong(current.get("id"));
              seen.add(line(id, current.getOrDefault("event", "message"), current.get("data")));
              lastId = id;
            } else if (current.containsKey("event")) {
              notes.add(current.get("event") + " " + current.get("data"));
            }
            current.clear();
          } else if (!l.startsWith(":")) {
            int colon = l.indexOf(':');
            String name = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + 1).stripLeading();
            current.merge(name, value, (a, b) -> a + "\n" + b);
          }
        }
        notes.add("ended by the node after " + seen.size() + " changes");
      } catch (IOException ended) {
        // the node went away, or the test closed the stream
        notes.add("ended after " + seen.size() + " changes: " + ended);
      }
    }

    /** Events without an id (resync) and how the stream ended, if it did. */
    List<String> notes() {
      return List.copyOf(notes);
    }

    List<String> seen() {
      return List.copyOf(seen);
    }

    long lastId() {
      return lastId;
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
