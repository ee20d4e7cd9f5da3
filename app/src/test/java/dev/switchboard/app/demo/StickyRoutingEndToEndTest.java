package dev.switchboard.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.RoutingPolicy;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.config.RoutingSetup;
import dev.switchboard.protocol.Edition;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sticky routing with both sides real: the emulator asks the hub where to send an inbound call
 * ({@code GET {CRM_URL}/api/callcenter/route?phone=}), the hub answers with the contact's owner,
 * and that agent rings first, ahead of the queue's round robin.
 */
class StickyRoutingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_TOKEN = "sticky-routing-test-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path folder;
  private Hub hub;
  private Pbx pbx;

  @AfterEach
  void stop() {
    if (pbx != null) {
      pbx.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                .header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isLessThan(300);
    return JSON.readTree(reply.body());
  }

  private String sim(String path, String body) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(pbx.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isLessThan(300);
    return reply.body();
  }

  @Test
  void theContactsOwnerRingsFirstWhenTheHubAnswersTheEmulatorsRoutingQuestion() throws Exception {
    hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
                .withApiToken(API_TOKEN),
            Clock.systemUTC());
    hub.tenants()
        .setRouting(
            Tenant.DEFAULT_ID,
            RoutingPolicy.parse("owner,last-agent", RoutingPolicy.DEFAULT_WINDOW));
    String hooks = hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
    api(
        "POST",
        "/v1/contacts",
        "{\"name\":\"Chị Hoa\",\"phones\":[\"+84938363739\"],\"owner_extension\":\"105\"}");
    pbx =
        Pbx.start(
            new PbxConfig(
                new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
                DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
                List.of(
                    BuiltInCallCenter.tenant(Optional.of(hooks), Edition.V2)
                        .withRouting(new RoutingSetup(true, Duration.ofSeconds(5)))),
                new PbxConfig.ClockSettings(1, true),
                0,
                3,
                new PbxConfig.Delivery(Duration.ofHours(1), 0)),
            Clock.systemUTC());

    // Queue 999 rings 101 first by round robin; the owner, 105, is in its second tier.
    String callId =
        JSON.readTree(
                sim(
                    "/sim/calls",
                    "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
                        + "\"outcome\":\"answered\",\"after\":4,\"talk\":20}"))
            .get("callid")
            .asText();
    sim("/sim/clock", "{\"advance\":60}");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "ended".equals(api("GET", "/v1/calls/" + callId, null).at("/call/state").asText()));
    JsonNode call = api("GET", "/v1/calls/" + callId, null).path("call");
    assertThat(call.path("answered_by").asText()).isEqualTo("105");
    assertThat(call.at("/attempts/0/extension").asText())
        .as("the owner rang first")
        .isEqualTo("105");
    JsonNode events = api("GET", "/v1/calls/" + callId, null).path("events");
    assertThat(events.toString()).doesNotContain("\"type\":\"route\"");
    assertThat(JSON.writeValueAsString(api("GET", "/v1/calls?limit=10", null))).contains(callId);
  }
}
