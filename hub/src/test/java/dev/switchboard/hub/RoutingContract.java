package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.tenants.RoutingPolicy;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PBX's routing question, {@code {CRM_URL}/api/callcenter/route?phone=}, asked over real HTTP
 * as the PBX asks it, answered by the tenant's policy.
 */
abstract class RoutingContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CALLER = "0938363739";

  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    hub = TestHub.start(newDatabase(), clock, UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private void policy(String rules, Duration window) {
    hub.hub.tenants().setRouting(Tenant.DEFAULT_ID, RoutingPolicy.parse(rules, window));
  }

  private TestHub.Reply ask(String query) {
    return hub.webhook("/api/callcenter/route?" + query);
  }

  private String route() {
    TestHub.Reply reply = ask("phone=" + CALLER);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.body();
  }

  private void status(String extension, String status) {
    hub.webhook("/api/Agent/ChangeStatus?extension=" + extension + "&status=" + status);
  }

  /** An inbound call from the caller answered by {@code extension}, then ended. */
  private void answeredCall(String callId, String extension) {
    hub.webhook(
        "/api/callcenter/call_in?phone="
            + CALLER
            + "&queue=999&extension="
            + extension
            + "&callid="
            + callId
            + "&event=ANSWER");
    hub.webhook("/api/callcenter/hangup?callid=" + callId);
  }

  @Test
  void routingIsOffByDefaultAndAnswersAnEmptyTextBody() throws Exception {
    answeredCall("c1", "102");
    var response =
        hub.client()
            .send(
                HttpRequest.newBuilder(
                        URI.create(hub.webhookBase + "/api/callcenter/route?phone=" + CALLER))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void theOwnerComesFirstThenTheLastAgentAndNeverAnAgentWhoIsOff() {
    policy("owner,last-agent", RoutingPolicy.DEFAULT_WINDOW);
    TestHub.Reply created =
        hub.api(
            "POST",
            "/v1/contacts",
            "{\"name\":\"Khách A\",\"phones\":[\"" + CALLER + "\"],\"owner_extension\":\"105\"}");
    assertThat(created.json().get("owner_extension").asText()).isEqualTo("105");
    answeredCall("c1", "102");
    clock.advance(Duration.ofHours(1));
    answeredCall("c2", "103");

    assertThat(route()).isEqualTo("105");
    status("105", "off");
    assertThat(route()).isEqualTo("103"); // the agent of the latest answered call
    status("103", "off");
    assertThat(route()).isEmpty(); // not 102: the last agent is 103, and 103 is off
    status("103", "on");
    assertThat(route()).isEqualTo("103");
  }

  @Test
  void theLastAgentCountsOnlyConnectedCallsWithinTheWindow() {
    policy("last-agent", Duration.ofDays(3));
    answeredCall("old", "101");
    clock.advance(Duration.ofDays(1));
    hub.webhook(
        "/api/callcenter/call_in?phone=" + CALLER + "&queue=999&extension=104&callid=missed1");
    hub.webhook("/api/callcenter/hangup?callid=missed1"); // rang 104, never answered
    assertThat(route()).isEqualTo("101");
    hub.webhook("/api/callcenter/init?extension=106&phone=" + CALLER + "&callid=out1&event=ANSWER");
    assertThat(route()).isEqualTo("106"); // a connected outbound call, still talking
    hub.webhook("/api/callcenter/hangup?callid=out1");
    assertThat(route()).isEqualTo("106");
    clock.advance(Duration.ofDays(3).plusSeconds(1));
    assertThat(route()).isEmpty();
  }

  @Test
  void theQuestionIsReadFromAnyFieldCaseByGetFormOrJson() {
    policy("last-agent", RoutingPolicy.DEFAULT_WINDOW);
    answeredCall("c1", "102");
    assertThat(ask("Phone=" + CALLER).body()).isEqualTo("102");
    assertThat(ask("PHONE=%2B84938363739").body()).isEqualTo("102");
    assertThat(
            hub.postWebhook(
                    "/api/callcenter/route", "application/x-www-form-urlencoded", "phone=" + CALLER)
                .body())
        .isEqualTo("102");
    assertThat(
            hub.postWebhook(
                    "/api/callcenter/route", "application/json", "{\"Phone\":\"84938363739\"}")
                .body())
        .isEqualTo("102");
  }

  @Test
  void aQuestionWithoutAPhoneGetsTheWebhooksErrorAndAWrongTokenIsRefused() {
    policy("last-agent", RoutingPolicy.DEFAULT_WINDOW);
    TestHub.Reply missing = ask("queue=999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText()).isEqualTo("field phone: is missing");
    TestHub.Reply wrongToken =
        hub.get(
            hub.hub.baseUrl() + "/hooks/not-a-token/api/callcenter/route?phone=" + CALLER, false);
    assertThat(wrongToken.status()).isEqualTo(404);
    assertThat(wrongToken.json().get("message").asText()).isEqualTo("unknown webhook token");
  }

  @Test
  void everyAnswerIsInTheEventLog() throws Exception {
    policy("owner,last-agent", RoutingPolicy.DEFAULT_WINDOW);
    answeredCall("c1", "102");
    route();
    route();
    ask("phone=0912345678");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> routeEvents().size() == 3); // logged after the reply, not before
    List<JsonNode> logged = routeEvents();
    assertThat(logged.get(0).get("extension").asText()).isEqualTo("102");
    assertThat(logged.get(0).get("rule").asText()).isEqualTo("last-agent");
    assertThat(logged.get(0).get("phone").asText()).isEqualTo("+84938363739");
    assertThat(logged.get(2).get("extension").isNull()).isTrue();
    assertThat(logged.get(2).get("reason").asText()).isEqualTo("no owner; no last-agent");
  }

  private List<JsonNode> routeEvents() {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select fields from events where type = 'route' order by seq")
                    .mapTo(String.class)
                    .map(
                        text -> {
                          try {
                            return JSON.readTree(text);
                          } catch (java.io.IOException notJson) {
                            throw new AssertionError(notJson);
                          }
                        })
                    .list());
  }

  @Test
  void aContactsOwnerExtensionIsValidated() {
    TestHub.Reply bad =
        hub.api(
            "POST",
            "/v1/contacts",
            "{\"name\":\"A\",\"phones\":[\"" + CALLER + "\"],\"owner_extension\":\"1 0 1\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).startsWith("owner_extension must be");
  }
}
