package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.hub.calls.CallRebuild;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Missed-call follow-up over real HTTP, a real database and a small PBX that records what reaches
 * it: items merged per customer, queue and tenant-local day, resolved by a later connected call
 * either way, closed by hand with a reason, seen only within the caller's queues, and derived
 * identically again after the calls are rebuilt from the log.
 */
abstract class CallbacksContract {
  static final String PASSWORD = "a long password";

  // 06:15 UTC is 13:15 in Ho Chi Minh City, the default tenant's zone.
  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;
  HttpServer pbx;
  final List<String> pbxRequests = new CopyOnWriteArrayList<>();

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(newDatabase(), clock, UnaryOperator.identity());
    pbx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pbx.createContext(
        "/",
        exchange -> {
          pbxRequests.add(exchange.getRequestURI().toString());
          byte[] body = "{\"result\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    pbx.start();
    hub.hub
        .tenants()
        .setPbx(
            Tenant.DEFAULT_ID,
            new PbxSettings(
                "http://127.0.0.1:" + pbx.getAddress().getPort(),
                Optional.empty(),
                new PbxKey("k".repeat(32)),
                "example.com"));
    add("an", Role.AGENT, "101", List.of("999"));
    add("binh", Role.AGENT, "107", List.of("998"));
    add("sup999", Role.SUPERVISOR, "100", List.of("999"));
    add("root", Role.ADMIN, null, null);
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
    if (pbx != null) {
      pbx.stop(0);
    }
  }

  private void add(String username, Role role, String extension, List<String> queues) {
    hub.hub
        .users()
        .add(
            new User(
                username,
                Tenant.DEFAULT_ID,
                null,
                role,
                Optional.ofNullable(extension),
                Optional.ofNullable(queues),
                "vi"),
            PASSWORD);
  }

  ConsoleClient as(String username) {
    ConsoleClient browser = new ConsoleClient(hub.hub.baseUrl());
    var login = browser.logIn(username, PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return browser;
  }

  private int calls = 0;

  /** An abandoned inbound call, a minute after the previous event. */
  private void abandoned(String callId, String phone, String queue) {
    clock.advance(Duration.ofMinutes(1));
    hub.webhook(
        "/api/callcenter/calldata?callid="
            + callId
            + "&holdtime=60&status=ABANDON&queue="
            + queue
            + "&phone="
            + phone);
    awaitCalls(++calls);
  }

  private void answeredInbound(String callId, String phone, String queue, String extension) {
    clock.advance(Duration.ofMinutes(1));
    hub.webhook(
        "/api/callcenter/call_in?phone="
            + phone
            + "&queue="
            + queue
            + "&extension="
            + extension
            + "&callid="
            + callId
            + "&event=ANSWER");
    hub.webhook("/api/callcenter/hangup?callid=" + callId);
    awaitCalls(++calls);
  }

  private void answeredOutbound(String callId, String phone, String extension) {
    clock.advance(Duration.ofMinutes(1));
    hub.webhook(
        "/api/callcenter/init?extension="
            + extension
            + "&phone="
            + phone
            + "&callid="
            + callId
            + "&event=ANSWER");
    hub.webhook("/api/callcenter/hangup?callid=" + callId);
    awaitCalls(++calls);
  }

  private void awaitCalls(int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hub.api("/v1/calls?limit=500").json().path("calls").size() == count);
    // The hangup of the last call is committed too.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode list = hub.api("/v1/calls?limit=500").json().path("calls");
              for (JsonNode call : list) {
                if (!call.path("state").asText().equals("ended")) {
                  return false;
                }
              }
              return true;
            });
  }

  private static List<JsonNode> items(TestHub.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().path("items").forEach(items::add);
    return items;
  }

  private static List<JsonNode> items(ConsoleClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().path("items").forEach(items::add);
    return items;
  }

  @Test
  void threeMissedCallsOfOneCustomerOnOneDayAreOneItemWithThreeAttempts() {
    abandoned("m1", "0938363733", "999");
    abandoned("m2", "0938363733", "999");
    abandoned("x1", "0938363799", "999");
    abandoned("m3", "0938363733", "999");
    List<JsonNode> items = items(hub.api("/v1/callbacks"));
    assertThat(items).hasSize(2);
    JsonNode merged =
        items.stream()
            .filter(i -> i.path("phone").asText().equals("+84938363733"))
            .findFirst()
            .orElseThrow();
    assertThat(merged.path("attempts_count").asInt()).isEqualTo(3);
    assertThat(merged.path("status").asText()).isEqualTo("open");
    assertThat(merged.path("queue").asText()).isEqualTo("999");
    assertThat(merged.path("day").asText()).isEqualTo("2024-03-01");
    assertThat(merged.path("last_attempt_at").asText()).isEqualTo("2024-03-01T06:19:00Z");
    JsonNode one = hub.api("/v1/callbacks/" + merged.path("id").asText()).json();
    assertThat(one.path("attempts"))
        .extracting(a -> a.path("callid").asText())
        .containsExactly("m1", "m2", "m3");

    // The next tenant-local day (past 17:00 UTC is past midnight in Ho Chi Minh City) is a new
    // item.
    clock.advance(Duration.ofHours(11));
    abandoned("m4", "0938363733", "999");
    List<JsonNode> after = items(hub.api("/v1/callbacks?status=open"));
    assertThat(after).hasSize(3);
    assertThat(after.get(0).path("day").asText()).isEqualTo("2024-03-02");
    assertThat(after.get(0).path("attempts_count").asInt()).isEqualTo(1);
    assertThat(items(hub.api("/v1/callbacks?date=2024-03-01"))).hasSize(2);
  }

  @Test
  void aLaterConnectedOutboundCallResolvesTheItemWithWhoAndWhen() {
    abandoned("m1", "0938363733", "999");
    abandoned("m2", "0938363733", "999");
    answeredOutbound("out1", "0938363733", "101");
    JsonNode item = items(hub.api("/v1/callbacks")).get(0);
    assertThat(item.path("status").asText()).isEqualTo("resolved");
    assertThat(item.path("resolved_by").asText()).isEqualTo("101");
    assertThat(item.path("resolved_direction").asText()).isEqualTo("outbound");
    assertThat(item.path("resolved_call").asText()).isEqualTo("out1");
    assertThat(item.path("resolved_at").asText()).isEqualTo("2024-03-01T06:18:00Z");
    JsonNode summary = hub.api("/v1/callbacks/summary").json();
    assertThat(summary.path("items").asInt()).isEqualTo(1);
    assertThat(summary.path("resolved_by_callback").asInt()).isEqualTo(1);
    assertThat(summary.path("callback_rate").asDouble()).isEqualTo(1.0);
    // From the first attempt (06:16) to the callback (06:18).
    assertThat(summary.path("median_time_to_callback_seconds").asDouble()).isEqualTo(120.0);
    assertThat(summary.path("mean_time_to_callback_seconds").asDouble()).isEqualTo(120.0);
  }

  @Test
  void aLaterConnectedInboundCallResolvesTheItemButIsNoCallback() {
    abandoned("m1", "0938363733", "999");
    answeredInbound("in1", "0938363733", "999", "101");
    abandoned("m2", "0938363734", "999");
    List<JsonNode> items = items(hub.api("/v1/callbacks?status=resolved"));
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("resolved_direction").asText()).isEqualTo("inbound");
    assertThat(items.get(0).path("resolved_by").asText()).isEqualTo("101");
    assertThat(items(hub.api("/v1/callbacks?status=open"))).hasSize(1);
    JsonNode summary = hub.api("/v1/callbacks/summary").json();
    assertThat(summary.path("items").asInt()).isEqualTo(2);
    assertThat(summary.path("resolved").asInt()).isEqualTo(1);
    assertThat(summary.path("resolved_by_callback").asInt()).isZero();
    assertThat(summary.path("callback_rate").asDouble()).isZero();
    assertThat(summary.path("queues").get(0).path("open").asInt()).isEqualTo(1);
  }

  @Test
  void anItemIsClosedByHandOnlyWithAReasonAndTheCloseIsAudited() {
    abandoned("m1", "0938363733", "999");
    String id = items(hub.api("/v1/callbacks")).get(0).path("id").asText();
    ConsoleClient an = as("an");
    var refused = an.change("POST", "/v1/callbacks/" + id + "/close", "{}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("reason");
    assertThat(an.change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"  \"}").status())
        .isEqualTo(400);
    assertThat(an.change("POST", "/v1/callbacks/" + id + "/close", "not json").status())
        .isEqualTo(400);
    assertThat(items(hub.api("/v1/callbacks?status=open"))).hasSize(1);

    var closed =
        an.change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"khách hủy yêu cầu\"}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("status").asText()).isEqualTo("closed");
    assertThat(closed.json().path("close_reason").asText()).isEqualTo("khách hủy yêu cầu");
    assertThat(closed.json().path("closed_by").asText()).isEqualTo("an");
    assertThat(
            an.change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"again\"}").status())
        .isEqualTo(409);
    assertThat(items(hub.api("/v1/callbacks?status=closed"))).hasSize(1);
    JsonNode audit = hub.api("/v1/audit").json().path("entries");
    assertThat(audit)
        .anySatisfy(
            entry -> {
              assertThat(entry.path("action").asText()).isEqualTo("callback_close");
              assertThat(entry.path("target").asText()).isEqualTo(id);
              assertThat(entry.path("actor").asText()).isEqualTo("an");
            });
  }

  @Test
  void aSupervisorOfQueue999NeverSeesTheItemsOfQueue998() {
    abandoned("m1", "0938363733", "999");
    abandoned("m2", "0938363734", "998");
    String of998 = items(hub.api("/v1/callbacks?queue=998")).get(0).path("id").asText();
    ConsoleClient sup = as("sup999");
    List<JsonNode> seen = items(sup.get("/v1/callbacks"));
    assertThat(seen).extracting(i -> i.path("queue").asText()).containsExactly("999");
    assertThat(items(sup.get("/v1/callbacks?queue=998"))).isEmpty();
    var hidden = sup.get("/v1/callbacks/" + of998);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).doesNotContain("0938363734").doesNotContain("84938363734");
    assertThat(
            sup.change("POST", "/v1/callbacks/" + of998 + "/close", "{\"reason\":\"x\"}").status())
        .isEqualTo(404);
    assertThat(sup.change("POST", "/v1/callbacks/" + of998 + "/call", null).status())
        .isEqualTo(404);
    assertThat(sup.get("/v1/callbacks/summary").json().path("items").asInt()).isEqualTo(1);
    assertThat(items(as("binh").get("/v1/callbacks")))
        .extracting(i -> i.path("queue").asText())
        .containsExactly("998");
    assertThat(items(as("root").get("/v1/callbacks"))).hasSize(2);
    assertThat(pbxRequests).isEmpty();
  }

  @Test
  void callBackDialsFromTheCallersOwnExtension() {
    abandoned("m1", "0938363733", "999");
    String id = items(hub.api("/v1/callbacks")).get(0).path("id").asText();
    var dialled = as("an").change("POST", "/v1/callbacks/" + id + "/call", null);
    assertThat(dialled.status()).as(dialled.body()).isEqualTo(202);
    assertThat(dialled.json().path("extension").asText()).isEqualTo("101");
    assertThat(pbxRequests).hasSize(1);
    assertThat(pbxRequests.get(0)).contains("101").contains("84938363733");
    var noExtension = as("root").change("POST", "/v1/callbacks/" + id + "/call", null);
    assertThat(noExtension.status()).isEqualTo(403);
    assertThat(pbxRequests).hasSize(1);
  }

  @Test
  void badInputIsRefusedWithA4xxNamingTheProblem() {
    abandoned("m1", "0938363733", "999");
    for (String query :
        List.of(
            "?status=bogus",
            "?date=yesterday",
            "?from=2024-03-05&to=2024-03-01",
            "?from=2023-01-01&to=2024-03-01",
            "?limit=0",
            "?limit=abc")) {
      var reply = hub.api("/v1/callbacks" + query);
      assertThat(reply.status()).as(query + " " + reply.body()).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).as(query).isNotBlank();
    }
    assertThat(hub.api("/v1/callbacks/summary?date=2024-13-01").status()).isEqualTo(400);
    assertThat(hub.api("/v1/callbacks/not-an-id").status()).isEqualTo(400);
    assertThat(hub.api("/v1/callbacks/cb_20240301_00000000000000000000").status()).isEqualTo(404);
  }

  @Test
  void rebuildingTheCallsFromTheLogGivesTheSameItems() {
    abandoned("m1", "0938363733", "999");
    abandoned("m2", "0938363733", "999");
    answeredOutbound("out1", "0938363733", "101");
    abandoned("m3", "0938363734", "998");
    String id = items(hub.api("/v1/callbacks?status=open")).get(0).path("id").asText();
    assertThat(
            as("root")
                .change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"spam\"}")
                .status())
        .isEqualTo(200);
    String before = hub.api("/v1/callbacks").body();
    hub.hub.database().jdbi().useHandle(h -> h.execute("delete from calls"));
    assertThat(items(hub.api("/v1/callbacks"))).isEmpty();
    CallRebuild.Report report =
        new CallRebuild(
                hub.hub.database().jdbi(),
                new EventLog(
                    tenant ->
                        new WebhookParser(
                            hub.hub
                                .tenants()
                                .find(tenant)
                                .map(Tenant::zone)
                                .orElse(WebhookParser.DEFAULT_ZONE))),
                new CallStore(hub.hub.database().jdbi()))
            .run(done -> {});
    assertThat(report.calls()).isEqualTo(4);
    assertThat(hub.api("/v1/callbacks").body()).isEqualTo(before);
  }

  @Test
  @Timeout(60)
  void theStreamCarriesCallbackChangesOfTheCallersQueuesOnly() throws Exception {
    ConsoleClient sup = as("sup999");
    try (SseReader stream = streamOf(sup, null)) {
      assertThat(stream.status()).isEqualTo(200);
      abandoned("m1", "0938363734", "998");
      abandoned("m2", "0938363733", "999");
      JsonNode first = stream.next("callback", Duration.ofSeconds(20)).data();
      assertThat(first.path("queue").asText()).isEqualTo("999");
      assertThat(first.path("status").asText()).isEqualTo("open");
      answeredOutbound("out1", "0938363733", "100");
      JsonNode resolved;
      do {
        resolved = stream.next("callback", Duration.ofSeconds(20)).data();
        assertThat(resolved.path("queue").asText()).isEqualTo("999");
      } while (!resolved.path("status").asText().equals("resolved"));
      assertThat(resolved.path("resolved_by").asText()).isEqualTo("100");
    }
  }

  @Test
  @Timeout(60)
  void aCloseByHandIsOnTheStreamAndInTheLog() throws Exception {
    abandoned("m3", "0938363732", "999");
    String id = items(hub.api("/v1/callbacks?status=open")).get(0).path("id").asText();
    ConsoleClient sup = as("sup999");
    try (SseReader stream = streamOf(sup, null)) {
      assertThat(stream.status()).isEqualTo(200);
      var closed =
          as("an").change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"sai số\"}");
      assertThat(closed.status()).as(closed.body()).isEqualTo(200);
      var change = stream.next("callback", Duration.ofSeconds(20));
      assertThat(change.data().path("id").asText()).isEqualTo(id);
      assertThat(change.data().path("status").asText()).isEqualTo("closed");
      assertThat(change.data().path("close_reason").asText()).isEqualTo("sai số");
      // The close is an event of the log, from the console, after the call's events.
      List<String> logged =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "select source || ' ' || fields from events where type ="
                                  + " 'callback_closed'")
                          .mapTo(String.class)
                          .list());
      assertThat(logged).singleElement().asString().startsWith("console ").contains(id);
      long last =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h -> h.createQuery("select max(seq) from events").mapTo(Long.class).one());
      assertThat(Long.parseLong(change.id())).as("the close's own log position").isEqualTo(last);
    }
  }

  @Test
  @Timeout(60)
  void aResumingStreamIsSentTheCallbacksItMissedAsTheyStandNow() throws Exception {
    long before = lastSeq();
    abandoned("m5", "0938363733", "999");
    String id = items(hub.api("/v1/callbacks?status=open")).get(0).path("id").asText();
    var closed = as("an").change("POST", "/v1/callbacks/" + id + "/close", "{\"reason\":\"spam\"}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    long closeSeq = lastSeq();
    ConsoleClient sup = as("sup999");
    try (SseReader stream = streamOf(sup, Long.toString(before))) {
      assertThat(stream.status()).isEqualTo(200);
      // Sent for the missed call, then for the close: each time the item as it stands now.
      var ofCall = stream.next("callback", Duration.ofSeconds(20));
      var ofClose = stream.next("callback", Duration.ofSeconds(20));
      assertThat(ofCall.data().path("id").asText()).isEqualTo(id);
      assertThat(ofCall.data().path("status").asText()).isEqualTo("closed");
      assertThat(Long.parseLong(ofCall.id())).isLessThan(closeSeq);
      assertThat(ofClose.data().path("id").asText()).isEqualTo(id);
      assertThat(ofClose.data().path("close_reason").asText()).isEqualTo("spam");
      assertThat(Long.parseLong(ofClose.id())).isEqualTo(closeSeq);
    }
  }

  private long lastSeq() {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h -> h.createQuery("select coalesce(max(seq), 0) from events").mapTo(Long.class).one());
  }

  /** The live stream of {@code user}'s session, resumed after {@code lastEventId} unless null. */
  private SseReader streamOf(ConsoleClient user, String lastEventId) {
    return new SseReader(
        hub.client(),
        hub.hub.baseUrl() + "/v1/stream",
        Map.of("Cookie", "sb_session=" + user.cookie),
        lastEventId);
  }
}
