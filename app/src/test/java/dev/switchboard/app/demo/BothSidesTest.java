package dev.switchboard.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both sides joined over real HTTP: the emulator's webhooks feed the hub, the hub's client calls
 * the emulator. The emulator's own call records are the truth the hub's records are held to.
 */
class BothSidesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_TOKEN = "both-sides-test-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path folder;
  private Hub hub;
  private Pbx pbx;

  private HubConfig hubConfig() {
    return HubConfig.defaults()
        .withPort(0)
        .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
        .withApiToken(API_TOKEN);
  }

  private void start(double dropRate) {
    hub = Hub.start(hubConfig(), Clock.systemUTC());
    String hooks = hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
    PbxConfig config =
        new PbxConfig(
            new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
            DatabaseSettings.of(pbxDatabase()),
            List.of(BuiltInCallCenter.tenant(Optional.of(hooks), Edition.V2)),
            new PbxConfig.ClockSettings(1, true),
            0,
            11,
            new PbxConfig.Delivery(Duration.ofHours(1), dropRate));
    pbx = Pbx.start(config, Clock.systemUTC());
    hub.tenants()
        .setPbx(
            Tenant.DEFAULT_ID,
            new PbxSettings(
                pbx.baseUrl(),
                Optional.empty(),
                new PbxKey(BuiltInCallCenter.KEY),
                BuiltInCallCenter.DOMAIN));
  }

  @AfterEach
  void stop() {
    if (pbx != null) {
      pbx.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private JsonNode request(String method, String url, String body, boolean api) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (api) {
      request.header("Authorization", "Bearer " + API_TOKEN);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return reply.body().isBlank()
        ? JSON.createObjectNode().put("status", reply.statusCode())
        : JSON.readTree(reply.body());
  }

  private void scripted(String json) throws Exception {
    request("POST", pbx.baseUrl() + "/sim/calls", json, false);
  }

  private void advance(int seconds) throws Exception {
    request("POST", pbx.baseUrl() + "/sim/clock", "{\"advance\":" + seconds + "}", false);
  }

  private List<FinishedCall> truth() {
    return pbx.engine()
        .finished(
            BuiltInCallCenter.DOMAIN,
            Optional.empty(),
            LocalDate.of(2000, 1, 1),
            LocalDate.of(2100, 1, 1));
  }

  private JsonNode hubCall(String callId) throws Exception {
    return request("GET", hub.baseUrl() + "/v1/calls/" + callId, null, true).path("call");
  }

  /** The hub's record says what the emulator's record says, field by field. */
  private void assertSame(FinishedCall expected, JsonNode actual) {
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
    if (!expected.status().equals("ABANDON")) {
      assertThat(actual.get("calldate").asText())
          .isEqualTo(
              expected.start().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      assertThat(actual.get("duration").asLong()).isEqualTo(expected.duration().toSeconds());
      assertThat(actual.get("billsec").asLong()).isEqualTo(expected.billsec().toSeconds());
    }
    if (expected.status().equals("ANSWER")) {
      assertThat(actual.get("answered_by").asText()).isEqualTo(expected.extension().orElseThrow());
      assertThat(actual.get("recording_url").asText())
          .isEqualTo(expected.recordingUrl().orElseThrow());
    }
  }

  private void scriptedMix() throws Exception {
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\",\"outcome\":\"answered\",\"extension\":\"101\",\"after\":4,\"talk\":33}");
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0912345678\",\"outcome\":\"abandoned\",\"after\":18}");
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0987654321\",\"outcome\":\"no_answer\",\"extension\":\"102\"}");
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0911111111\",\"outcome\":\"busy\"}");
    scripted(
        "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0909090909\",\"outcome\":\"answered\",\"after\":6,\"talk\":21}");
    advance(90);
  }

  @Test
  void scriptedCallsInTheHubEqualTheEmulatorsRecords() throws Exception {
    start(0);
    scriptedMix();
    List<FinishedCall> truth = truth();
    assertThat(truth).hasSize(5);
    for (FinishedCall call : truth) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> "ended".equals(hubCall(call.callId()).path("state").asText()));
      assertSame(call, hubCall(call.callId()));
    }
  }

  @Test
  void withAThirdOfWebhooksLostOneReconciliationPassCompletesEveryCall() throws Exception {
    start(0.3);
    for (int i = 0; i < 4; i++) {
      scriptedMix();
    }
    List<FinishedCall> truth = truth();
    assertThat(truth).hasSize(20);
    await().atMost(Duration.ofSeconds(15)).until(() -> pbx.dispatcher().stats().pending() == 0);
    long incomplete =
        truth.stream()
            .filter(
                call -> {
                  try {
                    return !"ended".equals(hubCall(call.callId()).path("state").asText());
                  } catch (Exception e) {
                    return true;
                  }
                })
            .count();
    assertThat(incomplete)
        .as("calls the lost webhooks left incomplete before reconciliation")
        .isPositive();

    var report = hub.cdrSync().runOnce();
    assertThat(report.records()).isEqualTo(20);
    for (FinishedCall call : truth) {
      assertSame(call, hubCall(call.callId()));
    }
  }

  @Test
  void aHubStoppedDuringTrafficGetsEveryWebhookOnceInEachCallsOrderWhenItIsBack() throws Exception {
    start(0);
    scriptedMix();
    await().atMost(Duration.ofSeconds(15)).until(() -> pbx.dispatcher().stats().pending() == 0);
    int port = hub.port();
    hub.close();
    hub = null;
    // Calls go on while the hub is down: every webhook of them fails and is retried.
    scriptedMix();
    scriptedMix();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> outbox("pending").stream().anyMatch(w -> w.attempts() > 1));
    hub = Hub.start(hubConfig().withPort(port), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(90)).until(() -> pbx.dispatcher().stats().pending() == 0);

    List<Webhook> delivered = outbox("delivered");
    assertThat(delivered).anyMatch(w -> w.attempts() > 1);
    List<String> logged = loggedWebhooks();
    // Each delivered webhook is in the log once, and nothing else is.
    assertThat(logged)
        .containsExactlyInAnyOrderElementsOf(delivered.stream().map(Webhook::url).toList());
    // Each ordering key's webhooks (a call's, an agent's) are in the log in the order sent.
    Map<String, String> keyOf = new HashMap<>();
    delivered.forEach(w -> keyOf.put(w.url(), w.key()));
    Map<String, List<String>> sent = new LinkedHashMap<>();
    delivered.forEach(w -> sent.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w.url()));
    Map<String, List<String>> stored = new LinkedHashMap<>();
    logged.forEach(url -> stored.computeIfAbsent(keyOf.get(url), k -> new ArrayList<>()).add(url));
    assertThat(stored).isEqualTo(sent);
    List<FinishedCall> truth = truth();
    assertThat(truth).hasSize(15);
    for (FinishedCall call : truth) {
      assertSame(call, hubCall(call.callId()));
    }
  }

  /** One webhook of the emulator's outbox: its ordering key, path and query, and tries. */
  private record Webhook(String key, String url, int attempts) {}

  private List<Webhook> outbox(String state) {
    try (Database database = Database.open(DatabaseSettings.of(pbxDatabase()), "pbx")) {
      return database
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "select ordering_key, path_and_query, attempts from webhook_outbox"
                              + " where state = :state order by id")
                      .bind("state", state)
                      .map((rs, ctx) -> new Webhook(rs.getString(1), rs.getString(2), rs.getInt(3)))
                      .list());
    }
  }

  private String pbxDatabase() {
    return "jdbc:sqlite:" + folder.resolve("pbx.db");
  }

  /** The webhooks in the hub's log, as path and query, in log order. */
  private List<String> loggedWebhooks() {
    try (Database database = Database.open(hubConfig().database(), "hub")) {
      return database
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "select path || '?' || raw from events where source = 'webhook'"
                              + " order by seq")
                      .mapTo(String.class)
                      .list());
    }
  }

  @Test
  void clickToCallThroughTheHubMakesAnOutboundCallTheHubSees() throws Exception {
    start(0);
    JsonNode dialed =
        request(
            "POST",
            hub.baseUrl() + "/v1/calls",
            "{\"extension\":\"104\",\"phone\":\"0938363739\",\"async\":true}",
            true);
    String callId = dialed.get("callid").asText();
    advance(120);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !hubCall(callId).isMissingNode()
                    && hubCall(callId).path("state").asText().equals("ended"));
    JsonNode call = hubCall(callId);
    assertThat(call.get("direction").asText()).isEqualTo("outbound");
    assertThat(call.get("answered_by").asText()).isEqualTo("104");
    JsonNode events =
        request("GET", hub.baseUrl() + "/v1/calls/" + callId, null, true).get("events");
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .contains("outbound_call", "hangup", "call_record");
    JsonNode audit = request("GET", hub.baseUrl() + "/v1/audit", null, true).get("entries");
    assertThat(audit.get(0).get("action").asText()).isEqualTo("dial_async");
    assertThat(audit.toString()).doesNotContain(BuiltInCallCenter.KEY);
  }

  @Test
  void pauseThroughTheHubTakesTheAgentOutOfRoutingAndTheBoardShowsIt() throws Exception {
    start(0);
    for (String ext : new String[] {"101", "102"}) {
      assertThat(
              request("POST", hub.baseUrl() + "/v1/agents/" + ext + "/pause", null, true)
                  .get("paused")
                  .asBoolean())
          .isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                request("GET", hub.baseUrl() + "/v1/agents", null, true)
                    .toString()
                    .contains("\"extension\":\"101\",\"status\":\"pause\""));
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\",\"outcome\":\"answered\",\"after\":3,\"talk\":10}");
    advance(30);
    FinishedCall call = truth().get(0);
    assertThat(call.extension()).hasValueSatisfying(ext -> assertThat(ext).isNotIn("101", "102"));
    JsonNode queues = request("GET", hub.baseUrl() + "/v1/queues", null, true);
    assertThat(queues.at("/queues/0/members/0/paused").asBoolean()).isTrue();
    assertThat(queues.at("/queues/0/members/0/status").asText()).isEqualTo("pause");
    JsonNode refused = request("POST", hub.baseUrl() + "/v1/agents/777/pause", null, true);
    assertThat(refused.get("error").asText()).isEqualTo("pbx_refused");
    assertThat(refused.get("reason").asText()).isEqualTo("unknown_extension");
    assertThat(refused.get("message").asText()).contains("777");
  }

  @Test
  void theStatusPollCorrectsABoardThatDrifted() throws Exception {
    start(1.0); // every webhook lost: the board only learns from the poll
    assertThat(hub.statusPoll().runOnce()).isEqualTo(12);
    request("POST", pbx.baseUrl() + "/sim/agents/112", "{\"paused\":true}", false);
    assertThat(request("GET", hub.baseUrl() + "/v1/agents", null, true).toString())
        .contains("\"extension\":\"112\",\"status\":\"on\"");
    assertThat(hub.statusPoll().runOnce()).isEqualTo(1);
    assertThat(request("GET", hub.baseUrl() + "/v1/agents", null, true).toString())
        .contains("\"extension\":\"112\",\"status\":\"pause\"");
    assertThat(hub.statusPoll().runOnce()).isZero();
  }

  @Test
  void hubSyncBackfillsCallsWhoseWebhooksWereAllLost() throws Exception {
    start(1.0);
    scriptedMix();
    assertThat(request("GET", hub.baseUrl() + "/v1/calls", null, true).get("calls")).isEmpty();
    java.io.StringWriter out = new java.io.StringWriter();
    var line = dev.switchboard.app.Main.commandLine();
    line.setOut(new java.io.PrintWriter(out));
    line.setErr(new java.io.PrintWriter(out));
    String day = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    int exit =
        line.execute(
            "hub",
            "sync",
            "--from",
            LocalDate.parse(day).minusDays(1).toString(),
            "--to",
            LocalDate.parse(day).plusDays(1).toString(),
            "--db",
            "jdbc:sqlite:" + folder.resolve("hub.db"));
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("5 call record(s) from the PBX: 5 new call(s)");
    for (FinishedCall call : truth()) {
      assertSame(call, hubCall(call.callId()));
    }
  }

  @Test
  void aSyncOverCallsTheWebhooksCompletedCountsNoneAsCompletedAndARepeatChangesNothing()
      throws Exception {
    start(0);
    scriptedMix();
    for (FinishedCall call : truth()) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> "ended".equals(hubCall(call.callId()).path("state").asText()));
    }
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
    var first = hub.cdrSync().sync("default", today.minusDays(1), today.plusDays(1), n -> {});
    assertThat(first.records()).isEqualTo(5);
    assertThat(first.newCalls()).isZero();
    assertThat(first.completed()).as("every call had ended already").isZero();
    assertThat(first.updated() + first.unchanged()).isEqualTo(5);
    var again = hub.cdrSync().sync("default", today.minusDays(1), today.plusDays(1), n -> {});
    assertThat(again.unchanged()).isEqualTo(5);
  }

  @Test
  void callsWhoseWebhooksWereLostGetTheirQueueDidAndHoldtimeFromTheReport() throws Exception {
    start(1.0);
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\",\"outcome\":\"answered\",\"extension\":\"101\",\"after\":4,\"talk\":33}");
    scripted(
        "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0912345678\",\"outcome\":\"abandoned\",\"after\":18}");
    scripted(
        "{\"direction\":\"outbound\",\"extension\":\"105\",\"phone\":\"0909090909\",\"outcome\":\"cancelled\",\"after\":7}");
    advance(60);
    assertThat(request("GET", hub.baseUrl() + "/v1/calls", null, true).get("calls")).isEmpty();

    assertThat(hub.cdrSync().runOnce().newCalls()).isEqualTo(3);

    for (FinishedCall call : truth()) {
      JsonNode synced = hubCall(call.callId());
      assertSame(call, synced);
      assertThat(synced.get("holdtime").asLong())
          .as(call.status())
          .isEqualTo(call.holdtime().toSeconds());
      if (call.outbound()) {
        assertThat(call.status()).isEqualTo("CANCEL");
        assertThat(synced.get("outcome").asText()).isEqualTo("no_answer");
        assertThat(synced.get("queue").isNull()).isTrue();
        assertThat(synced.get("did").isNull()).isTrue();
      } else {
        assertThat(synced.get("queue").asText()).isEqualTo(call.queue().orElseThrow());
        assertThat(synced.get("did").asText()).isEqualTo(call.did().orElseThrow());
      }
    }
    assertThat(truth())
        .extracting(FinishedCall::status, c -> c.holdtime().toSeconds())
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple("ANSWER", 4L),
            org.assertj.core.api.Assertions.tuple("ABANDON", 18L),
            org.assertj.core.api.Assertions.tuple("CANCEL", 0L));
  }
}
