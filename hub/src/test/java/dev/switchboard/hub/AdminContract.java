package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin page's API over real HTTP and a real database (SQLite always, PostgreSQL when {@code
 * SWITCHBOARD_TEST_PG_URL} is set): tenant settings, the PBX key that is written and never read
 * back, the webhook token's rotation, users with the last-admin rule, and the audit log's filters.
 * Every admin route refuses an agent and a supervisor.
 */
abstract class AdminContract {
  static final String PASSWORD = "a long password";
  static final String KEY = "SECRET-pbx-key-0123456789abcdef";

  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;
  HttpServer pbx;
  final List<String> pbxBodies = new CopyOnWriteArrayList<>();

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(newDatabase(), clock, UnaryOperator.identity());
    pbx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pbx.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          pbxBodies.add(body);
          boolean ourKey = body.contains(KEY);
          byte[] reply =
              (ourKey ? "{\"result\":[]}" : "{\"result\":null,\"message\":\"invalid key\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(ourKey ? 200 : 401, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    pbx.start();
    add("an", Role.AGENT, "101", List.of("999"));
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

  void add(String username, Role role, String extension, List<String> queues) {
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
    return as(username, PASSWORD);
  }

  ConsoleClient as(String username, String password) {
    ConsoleClient browser = new ConsoleClient(hub.hub.baseUrl());
    var login = browser.logIn(username, password);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return browser;
  }

  String pbxUrl() {
    return "http://127.0.0.1:" + pbx.getAddress().getPort();
  }

  @Test
  void everyAdminRouteRefusesAnAgentAndASupervisor() {
    for (String who : List.of("an", "sup999")) {
      ConsoleClient user = as(who);
      Map<String, ConsoleClient.Reply> replies = new java.util.LinkedHashMap<>();
      replies.put("GET /v1/tenant", user.get("/v1/tenant"));
      replies.put(
          "PUT /v1/tenant", user.change("PUT", "/v1/tenant", "{\"time_zone\":\"Europe/Paris\"}"));
      replies.put(
          "PUT /v1/tenant/pbx",
          user.change(
              "PUT",
              "/v1/tenant/pbx",
              "{\"api_url\":\"" + pbxUrl() + "\",\"domain\":\"d\",\"key\":\"" + KEY + "\"}"));
      replies.put("POST /v1/tenant/pbx/test", user.change("POST", "/v1/tenant/pbx/test", "{}"));
      replies.put(
          "POST /v1/tenant/webhook-token", user.change("POST", "/v1/tenant/webhook-token", "{}"));
      replies.put("GET /v1/users", user.get("/v1/users"));
      replies.put(
          "POST /v1/users",
          user.change("POST", "/v1/users", "{\"username\":\"x1\",\"role\":\"admin\"}"));
      replies.put(
          "PUT /v1/users/root", user.change("PUT", "/v1/users/root", "{\"role\":\"agent\"}"));
      replies.put(
          "POST /v1/users/root/password", user.change("POST", "/v1/users/root/password", "{}"));
      replies.put("DELETE /v1/users/root", user.change("DELETE", "/v1/users/root", null));
      replies.forEach(
          (route, reply) ->
              assertThat(reply.status())
                  .as(who + " " + route + ": " + reply.body())
                  .isEqualTo(403));
    }
    // Nothing of it happened.
    assertThat(hub.api("/v1/me").json().path("tenant").path("time_zone").asText())
        .isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(hub.hub.tenants().pbx(Tenant.DEFAULT_ID)).isEmpty();
    assertThat(hub.hub.users().find("root").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(hub.hub.users().find("x1")).isEmpty();
    assertThat(hub.webhook("/api/Agent/ChangeStatus?extension=101&status=on").status())
        .as("the webhook token still works")
        .isEqualTo(200);
  }

  @Test
  void thePbxKeyIsWrittenButNeverReadBack() {
    ConsoleClient root = as("root");
    var before = root.get("/v1/tenant");
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    assertThat(before.json().path("pbx").path("key_set").asBoolean()).isFalse();

    var saved =
        root.change(
            "PUT",
            "/v1/tenant/pbx",
            "{\"api_url\":\""
                + pbxUrl()
                + "\",\"domain\":\"example.com\",\"key\":\""
                + KEY
                + "\",\"recording_hosts\":[\"rec.example.com\"]}");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body()).doesNotContain(KEY);
    JsonNode pbxView = root.get("/v1/tenant").json().path("pbx");
    assertThat(pbxView.path("key_set").asBoolean()).isTrue();
    assertThat(pbxView.path("api_url").asText()).isEqualTo(pbxUrl());
    assertThat(pbxView.path("recording_hosts").toString()).isEqualTo("[\"rec.example.com\"]");
    assertThat(root.get("/v1/tenant").body()).doesNotContain(KEY);

    // Saving without a key keeps the one set.
    var renamed = root.change("PUT", "/v1/tenant/pbx", "{\"domain\":\"other.example.com\"}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(hub.hub.tenants().pbx(Tenant.DEFAULT_ID).orElseThrow().key().value()).isEqualTo(KEY);
    assertThat(hub.hub.tenants().pbx(Tenant.DEFAULT_ID).orElseThrow().domain())
        .isEqualTo("other.example.com");

    var tested = root.change("POST", "/v1/tenant/pbx/test", "{}");
    assertThat(tested.status()).as(tested.body()).isEqualTo(200);
    assertThat(tested.json().path("ok").asBoolean()).as(tested.body()).isTrue();
    assertThat(tested.body()).doesNotContain(KEY);

    // The audit log says what changed, never the key.
    var audit = root.get("/v1/audit?action=tenant");
    assertThat(audit.status()).as(audit.body()).isEqualTo(200);
    assertThat(audit.json().path("entries"))
        .extracting(e -> e.path("action").asText())
        .contains("tenant.pbx", "tenant.pbx_test");
    assertThat(audit.body()).doesNotContain(KEY).contains("key (new)");
  }

  @Test
  void aRejectedKeyIsSaidInWordsByTheConnectionTest() {
    ConsoleClient root = as("root");
    assertThat(
            root.change(
                    "PUT",
                    "/v1/tenant/pbx",
                    "{\"api_url\":\""
                        + pbxUrl()
                        + "\",\"domain\":\"d.example\",\"key\":\"wrong-key-42\"}")
                .status())
        .isEqualTo(200);
    var tested = root.change("POST", "/v1/tenant/pbx/test", "{}");
    assertThat(tested.status()).as(tested.body()).isEqualTo(200);
    assertThat(tested.json().path("ok").asBoolean()).isFalse();
    assertThat(tested.json().path("reason").asText()).isEqualTo("key_rejected");
    assertThat(tested.body()).doesNotContain("wrong-key-42");
  }

  @Test
  void badPbxSettingsAreRefusedNamingTheFieldAndNothingIsStored() {
    ConsoleClient root = as("root");
    Map<String, String> bodies =
        Map.of(
            "api_url", "{\"api_url\":\"ftp://x\",\"domain\":\"d\",\"key\":\"" + KEY + "\"}",
            "report_url",
                "{\"api_url\":\""
                    + pbxUrl()
                    + "\",\"report_url\":\"nope\",\"domain\":\"d\",\"key\":\""
                    + KEY
                    + "\"}",
            "domain", "{\"api_url\":\"" + pbxUrl() + "\",\"key\":\"" + KEY + "\"}",
            "key", "{\"api_url\":\"" + pbxUrl() + "\",\"domain\":\"d\"}",
            "recording_hosts",
                "{\"api_url\":\""
                    + pbxUrl()
                    + "\",\"domain\":\"d\",\"key\":\""
                    + KEY
                    + "\",\"recording_hosts\":[\"not a host/\"]}",
            "colour", "{\"colour\":\"red\"}");
    bodies.forEach(
        (field, body) -> {
          var reply = root.change("PUT", "/v1/tenant/pbx", body);
          assertThat(reply.status()).as(field + ": " + reply.body()).isEqualTo(400);
          assertThat(reply.json().path("error").asText()).as(field).startsWith(field + ":");
          assertThat(reply.body()).doesNotContain(KEY);
        });
    assertThat(hub.hub.tenants().pbx(Tenant.DEFAULT_ID)).isEmpty();
  }

  @Test
  void theTimeZoneIsValidatedAndEveryReaderFollowsIt() {
    ConsoleClient root = as("root");
    for (String bad : List.of("\"Mars/Olympus\"", "\"+07:00\"", "42", "\"\"")) {
      var reply = root.change("PUT", "/v1/tenant", "{\"time_zone\":" + bad + "}");
      assertThat(reply.status()).as(bad + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).startsWith("time_zone:");
    }
    var changed = root.change("PUT", "/v1/tenant", "{\"time_zone\":\"Europe/Paris\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("time_zone").asText()).isEqualTo("Europe/Paris");
    // Every page reads the zone from /v1/me, for every role.
    assertThat(as("an").get("/v1/me").json().path("tenant").path("time_zone").asText())
        .isEqualTo("Europe/Paris");
    // Calldates of new webhooks are read in it: 13:15:40 in Paris (winter) is 12:15:40 UTC.
    hub.webhook(
        "/api/callcenter/calldata?callid=tz1&calldate=2024-03-01 13:15:40&duration=10&billsec=5"
            + "&status=ANSWER&direction=Inbound&phone=0938363739&extension=101");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(hub.api("/v1/calls/tz1").body()).contains("2024-03-01T12:15:40Z"));
    var audit = root.get("/v1/audit?action=tenant.time_zone").json().path("entries");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("message").asText()).isEqualTo("Asia/Ho_Chi_Minh -> Europe/Paris");
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("root");
  }

  @Test
  void theRoutingPolicyIsSetAndABadOneNamed() {
    ConsoleClient root = as("root");
    var bad = root.change("PUT", "/v1/tenant", "{\"routing_policy\":\"owner,bogus\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText()).startsWith("routing_policy:");
    var window = root.change("PUT", "/v1/tenant", "{\"routing_window_seconds\":5}");
    assertThat(window.status()).isEqualTo(400);
    assertThat(window.json().path("error").asText()).startsWith("routing_window_seconds:");
    var set =
        root.change(
            "PUT",
            "/v1/tenant",
            "{\"routing_policy\":\"last-agent,owner\",\"routing_window_seconds\":3600}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("routing").path("policy").asText()).isEqualTo("last-agent,owner");
    assertThat(set.json().path("routing").path("window_seconds").asLong()).isEqualTo(3600);
    assertThat(hub.hub.tenants().routing(Tenant.DEFAULT_ID).code()).isEqualTo("last-agent,owner");
  }

  @Test
  void aRotatedWebhookTokenIsShownOnceAndTheOldOneStopsWorking() {
    ConsoleClient root = as("root");
    String oldBase = hub.webhookBase;
    String oldToken = oldBase.substring(oldBase.lastIndexOf('/') + 1);
    var shown = root.get("/v1/tenant");
    assertThat(shown.body()).doesNotContain(oldToken);
    assertThat(shown.json().path("webhook").path("url").asText()).contains("/hooks/").endsWith("•");

    var rotated = root.change("POST", "/v1/tenant/webhook-token", "{}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.header("Cache-Control")).contains("no-store");
    String url = rotated.json().path("url").asText();
    String token = rotated.json().path("token").asText();
    assertThat(url).isEqualTo(hub.hub.baseUrl() + "/hooks/" + token);
    assertThat(root.get("/v1/tenant").body()).doesNotContain(token);
    assertThat(root.get("/v1/audit").body()).doesNotContain(token).contains("tenant.webhook_token");

    var old = hub.get(oldBase + "/api/Agent/ChangeStatus?extension=101&status=on", false);
    assertThat(old.status()).as(old.body()).isEqualTo(404);
    var fresh = hub.get(url + "/api/Agent/ChangeStatus?extension=101&status=on", false);
    assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
  }

  @Test
  void anAdminAddsAUserWithAPasswordShownOnceAndResetsIt() {
    ConsoleClient root = as("root");
    var added =
        root.change(
            "POST",
            "/v1/users",
            "{\"username\":\"chi\",\"display_name\":\"Trần Thị Chi\",\"role\":\"supervisor\","
                + "\"queues\":[\"999\"],\"extension\":\"105\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String password = added.json().path("password").asText();
    assertThat(password).hasSize(16);
    assertThat(root.get("/v1/users").body()).doesNotContain(password);
    ConsoleClient chi = as("chi", password);
    assertThat(chi.get("/v1/me").json().path("role").asText()).isEqualTo("supervisor");

    var reset = root.change("POST", "/v1/users/chi/password", "{}");
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    String second = reset.json().path("password").asText();
    assertThat(second).hasSize(16).isNotEqualTo(password);
    assertThat(chi.get("/v1/me").status()).as("the old session ended").isEqualTo(401);
    as("chi", second);

    var shortPassword = root.change("POST", "/v1/users/chi/password", "{\"password\":\"short\"}");
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.json().path("error").asText()).startsWith("password:");

    var moved = root.change("PUT", "/v1/users/chi", "{\"role\":\"agent\",\"queues\":[\"998\"]}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(hub.hub.users().find("chi").orElseThrow().role()).isEqualTo(Role.AGENT);

    var actions = root.get("/v1/audit?action=user").json().path("entries");
    assertThat(actions)
        .extracting(e -> e.path("action").asText())
        .containsExactly("user.update", "user.password", "user.add");
    assertThat(actions.toString()).doesNotContain(password).doesNotContain(second);
  }

  @Test
  void theLastAdminCannotBeRemovedNorDemoted() {
    ConsoleClient root = as("root");
    var self = root.change("DELETE", "/v1/users/root", null);
    assertThat(self.status()).isEqualTo(409);
    var demoted = root.change("PUT", "/v1/users/root", "{\"role\":\"supervisor\"}");
    assertThat(demoted.status()).as(demoted.body()).isEqualTo(409);
    assertThat(demoted.json().path("error").asText()).contains("last admin");
    assertThat(hub.hub.users().find("root").orElseThrow().role()).isEqualTo(Role.ADMIN);

    add("root2", Role.ADMIN, null, null);
    var now = root.change("PUT", "/v1/users/root", "{\"role\":\"supervisor\"}");
    assertThat(now.status()).as("with a second admin").isEqualTo(200);
    ConsoleClient root2 = as("root2");
    var last = root2.change("PUT", "/v1/users/root2", "{\"role\":\"agent\",\"extension\":\"109\"}");
    assertThat(last.status()).isEqualTo(409);
  }

  @Test
  void theAuditLogFiltersByActorActionAndDaysAndPages() {
    ConsoleClient root = as("root");
    add("root2", Role.ADMIN, null, null);
    ConsoleClient root2 = as("root2");
    root.change("PUT", "/v1/tenant", "{\"routing_policy\":\"owner\"}");
    clock.advance(Duration.ofDays(1));
    // Sessions do not outlive a day: log in again.
    root = as("root");
    root2 = as("root2");
    root2.change("PUT", "/v1/tenant", "{\"routing_policy\":\"off\"}");
    for (int i = 0; i < 5; i++) {
      root2.change("POST", "/v1/users/an/password", "{}");
    }

    var byActor = root.get("/v1/audit?actor=root").json().path("entries");
    assertThat(byActor).extracting(e -> e.path("actor").asText()).containsOnly("root");
    assertThat(byActor).hasSize(1);

    // Days are read in the tenant's zone (UTC+7): 2024-03-01 is 2024-02-29T17:00Z to 03-01T17:00Z.
    var firstDay = root.get("/v1/audit?from=2024-03-01&to=2024-03-01").json().path("entries");
    assertThat(firstDay).extracting(e -> e.path("actor").asText()).containsExactly("root");
    var secondDay = root.get("/v1/audit?from=2024-03-02&to=2024-03-02").json().path("entries");
    assertThat(secondDay).hasSize(6);

    var page1 = root.get("/v1/audit?actor=root2&limit=4").json();
    assertThat(page1.path("entries")).hasSize(4);
    long before = page1.path("next_before").asLong();
    var page2 = root.get("/v1/audit?actor=root2&limit=4&before=" + before).json();
    assertThat(page2.path("entries")).hasSize(2);
    assertThat(page2.path("next_before").isNull()).isTrue();
    assertThat(page2.path("entries").get(1).path("action").asText()).isEqualTo("tenant.routing");

    var bad = root.get("/v1/audit?from=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText()).startsWith("from:");
    assertThat(root.get("/v1/audit?before=x").status()).isEqualTo(400);
  }
}
