package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.protocol.api.PbxKey;
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
 * Each role's allowed and refused {@code /v1} routes over real HTTP, with console sessions, a real
 * database and a small scriptable PBX that records what reaches it (issue 10, "Roles and scope").
 * Run against SQLite always and PostgreSQL when {@code SWITCHBOARD_TEST_PG_URL} is set.
 *
 * <p>The call center: queue 999 (agent {@code an}, extension 101) and queue 998 (agent {@code
 * binh}, extension 107); {@code sup999} supervises 999 from extension 100, {@code boss} supervises
 * every queue, {@code root} is an admin.
 */
abstract class AccessContract {
  static final String PASSWORD = "a long password";

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
          boolean refuse = exchange.getRequestURI().toString().contains("0909000111");
          byte[] body =
              (refuse
                      ? "{\"result\":null,\"message\":\"extension 101 is busy on another call\"}"
                      : "{\"result\":\"OK\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(refuse ? 400 : 200, body.length);
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
    add("boss", Role.SUPERVISOR, null, null);
    add("root", Role.ADMIN, null, null);
    // c1: 999 answered by 101; c2: 998 answered by 107; c3, c4: abandoned in 999 and 998.
    hub.webhook(
        "/api/callcenter/call_in?phone=0938363731&queue=999&extension=101&callid=c1&event=ANSWER");
    hub.webhook(
        "/api/callcenter/call_in?phone=0938363732&queue=998&extension=107&callid=c2&event=ANSWER");
    hub.webhook(
        "/api/callcenter/calldata?callid=c3&holdtime=60&status=ABANDON&queue=999&phone=0938363733");
    hub.webhook(
        "/api/callcenter/calldata?callid=c4&holdtime=60&status=ABANDON&queue=998&phone=0938363734");
    hub.webhook("/api/Agent/ChangeStatus?extension=101&status=talk");
    hub.webhook("/api/Agent/ChangeStatus?extension=107&status=talk");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hub.api("/v1/calls").json().path("calls").size() == 4);
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

  /** The OpenAPI check every console reply goes through, when a subclass gives one. */
  OpenApiReplies spec() {
    return null;
  }

  ConsoleClient as(String username) {
    ConsoleClient browser = new ConsoleClient(hub.hub.baseUrl());
    browser.spec = spec();
    var login = browser.logIn(username, PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return browser;
  }

  private static List<String> callIds(ConsoleClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().path("calls").forEach(call -> ids.add(call.path("callid").asText()));
    return ids;
  }

  private static List<String> extensions(ConsoleClient.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().path("agents").forEach(agent -> ids.add(agent.path("extension").asText()));
    return ids;
  }

  @Test
  void anAgentSeesTheirOwnCallsAndTheMissedCallsOfTheirQueuesOnly() {
    ConsoleClient an = as("an");
    assertThat(callIds(an.get("/v1/calls"))).containsExactlyInAnyOrder("c1", "c3");
    assertThat(callIds(an.get("/v1/calls?queue=998"))).isEmpty();
    assertThat(an.get("/v1/calls/c1").status()).isEqualTo(200);
    for (String other : List.of("c2", "c4")) {
      var reply = an.get("/v1/calls/" + other);
      assertThat(reply.status()).as(other).isEqualTo(404);
      assertThat(reply.body()).doesNotContain("0938363732").doesNotContain("0938363734");
    }
    assertThat(extensions(an.get("/v1/agents"))).containsExactly("101");
    assertThat(an.get("/v1/agents/101/history").status()).isEqualTo(200);
    var history = an.get("/v1/agents/107/history");
    assertThat(history.status()).isEqualTo(403);
    assertThat(history.json().path("error").asText()).isEqualTo("forbidden");
  }

  @Test
  void anAgentActsOnlyAsThemselves() {
    ConsoleClient an = as("an");
    assertThat(an.change("POST", "/v1/agents/107/pause", null).status()).isEqualTo(403);
    assertThat(an.change("POST", "/v1/agents/107/unpause", null).status()).isEqualTo(403);
    assertThat(
            an.change("POST", "/v1/calls", "{\"extension\":\"107\",\"phone\":\"0938363739\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            an.change(
                    "POST",
                    "/v1/spy",
                    "{\"extension\":\"101\",\"target\":\"107\",\"mode\":\"whisper\"}")
                .status())
        .isEqualTo(403);
    assertThat(pbxRequests).as("nothing refused reached the PBX").isEmpty();

    var paused = an.change("POST", "/v1/agents/101/pause", null);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    var dialled =
        an.change("POST", "/v1/calls", "{\"extension\":\"101\",\"phone\":\"0938363739\"}");
    assertThat(dialled.status()).as(dialled.body()).isEqualTo(202);
    assertThat(pbxRequests).hasSize(2);

    assertThat(an.get("/v1/audit").status()).isEqualTo(403);
    assertThat(an.get("/v1/users").status()).isEqualTo(403);
    var audit = hub.api("/v1/audit").json().path("entries");
    assertThat(audit).extracting(e -> e.path("actor").asText()).containsOnly("an");
  }

  @Test
  void aStateChangingRequestWithTheCookieButNoCsrfTokenIsRefusedAndNeverReachesThePbx() {
    ConsoleClient an = as("an");
    var reply = an.send("POST", "/v1/agents/101/pause", null, Map.of());
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().path("error").asText()).isEqualTo("csrf");
    assertThat(pbxRequests).isEmpty();
  }

  @Test
  void aSupervisorOfQueue999NeverSeesQueue998sCallsOrAgents() {
    ConsoleClient sup = as("sup999");
    assertThat(callIds(sup.get("/v1/calls"))).containsExactlyInAnyOrder("c1", "c3");
    assertThat(callIds(sup.get("/v1/calls?queue=998"))).isEmpty();
    assertThat(sup.get("/v1/calls/c2").status()).isEqualTo(404);
    assertThat(sup.get("/v1/calls/c4").status()).isEqualTo(404);
    assertThat(extensions(sup.get("/v1/agents"))).contains("101").doesNotContain("107");
    assertThat(sup.get("/v1/agents/107/history").status()).isEqualTo(403);
    assertThat(sup.change("POST", "/v1/agents/107/pause", null).status()).isEqualTo(403);
    assertThat(
            sup.change(
                    "POST",
                    "/v1/spy",
                    "{\"extension\":\"100\",\"target\":\"107\",\"mode\":\"whisper\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            sup.change(
                    "POST",
                    "/v1/spy",
                    "{\"extension\":\"102\",\"target\":\"101\",\"mode\":\"whisper\"}")
                .status())
        .as("only from the supervisor's own extension")
        .isEqualTo(403);
    assertThat(pbxRequests).isEmpty();

    assertThat(sup.change("POST", "/v1/agents/101/pause", null).status()).isEqualTo(200);
    var spied =
        sup.change(
            "POST", "/v1/spy", "{\"extension\":\"100\",\"target\":\"101\",\"mode\":\"whisper\"}");
    assertThat(spied.status()).as(spied.body()).isEqualTo(200);
    as("root").change("POST", "/v1/agents/107/pause", null);
    var audit = sup.get("/v1/audit");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.json().path("entries"))
        .hasSize(2)
        .extracting(e -> e.path("actor").asText())
        .containsOnly("sup999");
  }

  @Test
  void aSupervisorOfEveryQueueAndAnAdminSeeEverything() {
    for (String user : List.of("boss", "root")) {
      ConsoleClient browser = as(user);
      assertThat(callIds(browser.get("/v1/calls")))
          .as(user)
          .containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
      assertThat(extensions(browser.get("/v1/agents"))).as(user).contains("101", "107");
    }
    assertThat(as("boss").get("/v1/users").status()).isEqualTo(403);
  }

  @Test
  void anAdminManagesUsersAndNoReplyCarriesAPasswordOrItsHash() {
    ConsoleClient root = as("root");
    var created =
        root.change(
            "POST",
            "/v1/users",
            "{\"username\":\"chi\",\"display_name\":\"Lê Thị Chi\",\"password\":\""
                + PASSWORD
                + "\","
                + "\"role\":\"agent\",\"extension\":\"102\",\"queues\":[\"999\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("display_name").asText()).isEqualTo("Lê Thị Chi");
    var list = root.get("/v1/users");
    assertThat(list.json().path("users"))
        .extracting(u -> u.path("username").asText())
        .contains("chi", "an");
    for (var reply : List.of(created, list)) {
      assertThat(reply.body()).doesNotContain("password").doesNotContain("argon2");
    }
    assertThat(
            root.change(
                    "POST",
                    "/v1/users",
                    "{\"username\":\"chi\",\"password\":\"x\",\"role\":\"agent\"}")
                .status())
        .isIn(400, 409);
    assertThat(
            root.change(
                    "POST",
                    "/v1/users",
                    "{\"username\":\"dan\",\"password\":\"short\",\"role\":\"admin\"}")
                .body())
        .contains("password: must be at least 8 characters");
    var promoted = root.change("PUT", "/v1/users/chi", "{\"role\":\"supervisor\",\"queues\":null}");
    assertThat(promoted.json().path("role").asText()).isEqualTo("supervisor");
    assertThat(promoted.json().path("queues").isNull()).isTrue();
    ConsoleClient chi = as("chi");
    assertThat(chi.get("/v1/me").json().path("role").asText()).isEqualTo("supervisor");
    assertThat(root.change("DELETE", "/v1/users/chi", null).status()).isEqualTo(204);
    assertThat(chi.get("/v1/me").status()).as("the removed user's session ended").isEqualTo(401);
    assertThat(as("an").change("DELETE", "/v1/users/binh", null).status()).isEqualTo(403);
  }

  @Test
  void anAgentLooksUpOnlyTheContactsOfTheirCalls() {
    var own =
        hub.api("POST", "/v1/contacts", "{\"name\":\"Khách Một\",\"phones\":[\"0938363731\"]}");
    var other =
        hub.api("POST", "/v1/contacts", "{\"name\":\"Khách Hai\",\"phones\":[\"0938363732\"]}");
    ConsoleClient an = as("an");
    var found = an.get("/v1/contacts?phone=0938363731");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.body()).contains("Khách Một");
    assertThat(an.get("/v1/contacts?phone=0938363732").status()).isEqualTo(403);
    assertThat(an.get("/v1/contacts").status()).isEqualTo(403);
    assertThat(an.get("/v1/contacts/" + own.json().path("id").asText()).status()).isEqualTo(200);
    assertThat(an.get("/v1/contacts/" + other.json().path("id").asText()).status()).isEqualTo(404);
    assertThat(an.change("DELETE", "/v1/contacts/" + own.json().path("id").asText(), null).status())
        .isEqualTo(403);
  }

  @Test
  @Timeout(60)
  void anAgentsStreamCarriesOnlyTheirScope() throws Exception {
    ConsoleClient an = as("an");
    try (SseReader stream =
        new SseReader(
            hub.client(),
            hub.hub.baseUrl() + "/v1/stream",
            Map.of("Cookie", "sb_session=" + an.cookie),
            null)) {
      assertThat(stream.status()).isEqualTo(200);
      hub.webhook(
          "/api/callcenter/call_in?phone=0938363735&queue=998&extension=107&callid=c5&event=RINGING");
      hub.webhook("/api/Agent/ChangeStatus?extension=107&status=ring");
      hub.webhook(
          "/api/callcenter/call_in?phone=0938363736&queue=999&extension=101&callid=c6&event=RINGING");
      List<String> seen = new ArrayList<>();
      JsonNode call;
      do {
        call = stream.next("call", Duration.ofSeconds(20)).data();
        seen.add(call.path("callid").asText());
      } while (!call.path("callid").asText().equals("c6"));
      assertThat(seen).doesNotContain("c5");
      JsonNode pop = stream.next("screen_pop", Duration.ofSeconds(20)).data();
      assertThat(pop.path("extension").asText()).isEqualTo("101");
    }
  }

  @Test
  void callsShowTheNationalNumberAndToASessionTheHubsRecordingLinkNeverThePbxUrl() {
    hub.webhook(
        "/api/callcenter/calldata?callid=c1&calldate=2024-03-01 13:15:40&duration=50&billsec=37"
            + "&status=ANSWER&extension=101&phone=0938363731&queue=999"
            + "&recordingfile=https://pbx.example.com/play_audio/secret-path/c1");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hub.api("/v1/calls/c1").json().at("/call/recording_url").isTextual());
    ConsoleClient an = as("an");
    for (var reply : List.of(an.get("/v1/calls/c1"), an.get("/v1/calls"))) {
      assertThat(reply.body()).doesNotContain("pbx.example.com").doesNotContain("secret-path");
    }
    JsonNode call = an.get("/v1/calls/c1").json().path("call");
    assertThat(call.path("phone_national").asText()).isEqualTo("0938363731");
    assertThat(call.path("recording").asText()).isEqualTo("/v1/calls/c1/recording");
    assertThat(hub.api("/v1/calls/c1").json().at("/call/recording_url").asText())
        .as("the API token still gets the PBX's URL")
        .contains("pbx.example.com");
  }

  @Test
  void aDateFilterIsADayInTheTenantsTimeZone() {
    // 06:15 UTC on 1 March is 13:15 in Ho Chi Minh City; 17:30 UTC is already 2 March there.
    clock.advance(Duration.ofHours(11).plusMinutes(15));
    hub.webhook(
        "/api/callcenter/call_in?phone=0938363737&queue=999&extension=101&callid=late&event=RINGING");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hub.api("/v1/calls").json().path("calls").size() == 5);
    ConsoleClient root = as("root");
    assertThat(callIds(root.get("/v1/calls?from=2024-03-01&to=2024-03-01")))
        .containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
    assertThat(callIds(root.get("/v1/calls?from=2024-03-02"))).containsExactly("late");
    var bad = root.get("/v1/calls?from=2024-13-45");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("from");
  }

  @Test
  void theCsvExportHasAHeaderAndOnlyTheCallersCalls() {
    var csv = as("an").get("/v1/calls.csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .startsWith("callid,tenant,first_seen_at,direction,phone,phone_national");
    assertThat(lines).hasSize(3);
    assertThat(csv.body())
        .contains("c1,")
        .contains("c3,")
        .doesNotContain("c2,")
        .doesNotContain("c4,");
    assertThat(lines.stream().filter(l -> l.startsWith("c1,")).findFirst().orElseThrow())
        .contains("+84938363731,0938363731");
    var all = as("root").get("/v1/calls.csv?queue=998");
    assertThat(all.body().lines().count()).isEqualTo(3);
  }

  @Test
  void aPbxRefusalComesBackWithAReasonThePageCanTranslate() {
    var refused =
        as("an").change("POST", "/v1/calls", "{\"extension\":\"101\",\"phone\":\"0909000111\"}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("error").asText()).isEqualTo("pbx_refused");
    assertThat(refused.json().path("reason").asText()).isEqualTo("busy");
    assertThat(refused.json().path("message").asText()).contains("busy");
  }

  /** A recording server: a real Javalin serving a WAV with range requests, counting requests. */
  private io.javalin.Javalin recordingServer(List<String> hits) {
    byte[] wav = new byte[44 + 16_000];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, wav, 0, 4);
    System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, wav, 8, 4);
    for (int i = 44; i < wav.length; i++) {
      wav[i] = (byte) (i % 251);
    }
    return io.javalin.Javalin.create(
            config ->
                config.routes.get(
                    "/play_audio/data/{callid}",
                    ctx -> {
                      hits.add(ctx.pathParam("callid"));
                      ctx.writeSeekableStream(
                          new java.io.ByteArrayInputStream(wav), "audio/wav", wav.length);
                    }))
        .start("127.0.0.1", 0);
  }

  private void recorded(String callId, String url) {
    hub.webhook(
        "/api/callcenter/calldata?callid="
            + callId
            + "&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER&extension=101"
            + "&phone=0938363731&queue=999&recordingfile="
            + url);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                hub.api("/v1/calls/" + callId)
                    .json()
                    .at("/call/recording_url")
                    .asText()
                    .equals(url));
  }

  @Test
  void aRecordingStreamsThroughTheHubWithRangesFromAnAllowedHostOnly() throws Exception {
    List<String> hits = new CopyOnWriteArrayList<>();
    io.javalin.Javalin server = recordingServer(hits);
    try {
      // The PBX API is at 127.0.0.1 (allowed); "localhost" is the same machine by another name,
      // which no setting allows.
      recorded("c1", "http://127.0.0.1:" + server.port() + "/play_audio/data/c1");
      recorded("c2", "http://localhost:" + server.port() + "/play_audio/data/c2");
      ConsoleClient root = as("root");
      var whole = root.get("/v1/calls/c1/recording");
      assertThat(whole.status()).isEqualTo(200);
      assertThat(whole.header("Content-Type").orElseThrow()).startsWith("audio/wav");
      assertThat(whole.body()).startsWith("RIFF");
      var part = root.send("GET", "/v1/calls/c1/recording", null, Map.of("Range", "bytes=100-199"));
      assertThat(part.status()).isEqualTo(206);
      // Javalin's seekable stream may send more than asked; the hub passes on what the PBX sent.
      String contentRange = part.header("Content-Range").orElseThrow();
      assertThat(contentRange).startsWith("bytes 100-").endsWith("/16044");
      long last = Long.parseLong(contentRange.replaceAll("bytes 100-([0-9]+)/16044", "$1"));
      assertThat(part.header("Content-Length")).contains(Long.toString(last - 100 + 1));
      assertThat(part.header("Accept-Ranges")).contains("bytes");
      assertThat((int) part.body().charAt(0)).as("byte 100 of the file").isEqualTo(100 % 251);
      assertThat(hits).containsExactly("c1", "c1");

      var refused = root.get("/v1/calls/c2/recording");
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.json().path("error").asText()).isEqualTo("recording_host_not_allowed");
      assertThat(refused.body()).doesNotContain("localhost").doesNotContain("play_audio");
      assertThat(hits).as("the disallowed host was never asked").containsExactly("c1", "c1");
      hub.hub.tenants().setRecordingHosts(Tenant.DEFAULT_ID, List.of("localhost"));
      assertThat(root.get("/v1/calls/c2/recording").status()).isEqualTo(200);

      assertThat(as("binh").get("/v1/calls/c1/recording").status())
          .as("outside the agent's scope")
          .isEqualTo(404);
      assertThat(hits).hasSize(3);
      var none = root.get("/v1/calls/c3/recording");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().path("error").asText()).isEqualTo("no_recording");
      assertThat(none.json().path("message").asText())
          .isEqualTo("The recording of this call is not available yet.");
    } finally {
      server.stop();
    }
  }

  @Test
  void theWallboardOfASupervisorOf999ShowsOnly999WithTodaysFigures() {
    JsonNode board = as("sup999").get("/v1/wallboard").json();
    assertThat(board.path("time_zone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(board.path("day_start").asText()).isEqualTo("2024-02-29T17:00:00Z");
    assertThat(board.path("queues"))
        .extracting(q -> q.path("queue").asText())
        .containsExactly("999");
    JsonNode today = board.path("queues").get(0).path("today");
    assertThat(today.path("offered").asInt()).isEqualTo(2);
    assertThat(today.path("answered").asInt()).isEqualTo(1);
    assertThat(today.path("abandoned").asInt()).isEqualTo(1);
    assertThat(today.path("service_level").asDouble()).isEqualTo(0.5);
    assertThat(today.path("service_level_seconds").asInt()).isEqualTo(20);
    assertThat(board.path("queues").get(0).path("agents").path("talking").asInt()).isEqualTo(1);
    assertThat(board.path("agents"))
        .extracting(a -> a.path("extension").asText())
        .contains("101")
        .doesNotContain("107");
    JsonNode tile = board.path("agents").get(0);
    assertThat(tile.path("status").asText()).isEqualTo("talk");
    assertThat(tile.path("queues")).extracting(JsonNode::asText).containsExactly("999");
    assertThat(tile.path("today").path("answered").asInt()).isEqualTo(1);
    assertThat(board.path("live_calls"))
        .extracting(c -> c.path("callid").asText())
        .containsExactly("c1");
    assertThat(board.toString()).doesNotContain("0938363732").doesNotContain("0938363734");

    JsonNode own = as("an").get("/v1/wallboard").json();
    assertThat(own.path("agents"))
        .extracting(a -> a.path("extension").asText())
        .containsExactly("101");
    assertThat(own.path("queues")).isEmpty();
    JsonNode all = as("root").get("/v1/wallboard").json();
    assertThat(all.path("queues"))
        .extracting(q -> q.path("queue").asText())
        .containsExactly("998", "999");
  }

  @Test
  void theOpenScreenPopsAreTheRingingExtensionsOfTheCallersScope() {
    hub.api(
        "POST",
        "/v1/contacts",
        "{\"name\":\"Khách Một\",\"company\":\"ACME\",\"phones\":[\"0938363731\"],\"external_url\":\"https://crm.example.com/c/1\"}");
    hub.webhook(
        "/api/callcenter/call_in?phone=0938363731&queue=999&extension=101&callid=c7&event=RINGING&did=19002028");
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.api("/v1/calls/c7").status() == 200);
    var pops = as("an").get("/v1/screen-pops");
    assertThat(pops.status()).as(pops.body()).isEqualTo(200);
    assertThat(pops.json()).hasSize(1);
    JsonNode pop = pops.json().get(0);
    assertThat(pop.path("callid").asText()).isEqualTo("c7");
    assertThat(pop.path("extension").asText()).isEqualTo("101");
    assertThat(pop.path("phone_national").asText()).isEqualTo("0938363731");
    assertThat(pop.path("did").asText()).isEqualTo("19002028");
    assertThat(pop.path("contact").path("name").asText()).isEqualTo("Khách Một");
    assertThat(pop.path("contact").path("crm_url").asText())
        .isEqualTo("https://crm.example.com/c/1");
    assertThat(pop.path("recent_calls"))
        .extracting(c -> c.path("callid").asText())
        .containsExactly("c1");
    assertThat(as("binh").get("/v1/screen-pops").json()).isEmpty();
    assertThat(as("sup999").get("/v1/screen-pops").json()).hasSize(1);
  }
}
