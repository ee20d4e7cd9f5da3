package dev.switchboard.app.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.PbxConfigLoader;
import dev.switchboard.protocol.Edition;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's webhooks, over real HTTP, make the hub's call records, in both editions. */
class EmulatorToHubTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_TOKEN = "emulator-to-hub-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path folder;

  private JsonNode call(String method, String url, String body, boolean api) throws Exception {
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
    return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
  }

  @Test
  void scriptedCallsArriveAsOneCompleteRecordEach() throws Exception {
    for (Edition edition : Edition.values()) {
      HubConfig hubConfig =
          HubConfig.defaults()
              .withPort(0)
              .withDatabase(
                  DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub-" + edition + ".db")))
              .withApiToken(API_TOKEN);
      try (Hub hub = Hub.start(hubConfig, Clock.systemUTC())) {
        String hooks =
            hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
        var config =
            PbxConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                    "http.port",
                    "0",
                    "database.url",
                    "jdbc:sqlite:" + folder.resolve("pbx-" + edition + ".db"),
                    "crm_url",
                    hooks,
                    "dialect",
                    edition.toString(),
                    "step",
                    "true",
                    "traffic",
                    "0"));
        try (Pbx pbx = Pbx.start(config, Clock.systemUTC())) {
          String answered =
              call(
                      "POST",
                      pbx.baseUrl() + "/sim/calls",
                      "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\",\"outcome\":\"answered\",\"extension\":\"101\",\"after\":5,\"talk\":37}",
                      false)
                  .get("callid")
                  .asText();
          String missed =
              call(
                      "POST",
                      pbx.baseUrl() + "/sim/calls",
                      "{\"direction\":\"inbound\",\"did\":\"19002029\",\"phone\":\"0912345678\",\"outcome\":\"abandoned\",\"after\":20}",
                      false)
                  .get("callid")
                  .asText();
          call("POST", pbx.baseUrl() + "/sim/clock", "{\"advance\":60}", false);

          // The hangup may end the call before its final record arrives: wait for the record.
          await()
              .atMost(Duration.ofSeconds(15))
              .until(
                  () ->
                      call("GET", hub.baseUrl() + "/v1/calls/" + answered, null, true)
                          .at("/call/duration")
                          .isNumber());
          JsonNode record =
              call("GET", hub.baseUrl() + "/v1/calls/" + answered, null, true).get("call");
          assertThat(record.get("outcome").asText()).as(edition.toString()).isEqualTo("answered");
          assertThat(record.get("answered_by").asText()).isEqualTo("101");
          assertThat(record.at("/customer/phone").asText()).isEqualTo("+84938363739");
          assertThat(record.get("duration").asInt()).isEqualTo(42);
          assertThat(record.get("recording_url").asText())
              .startsWith(pbx.baseUrl() + "/play_audio/data/");
          if (edition == Edition.V2) {
            assertThat(record.get("billsec").asInt()).isEqualTo(37);
            assertThat(record.get("did").asText()).isEqualTo("19002028");
          }

          await()
              .atMost(Duration.ofSeconds(15))
              .until(
                  () ->
                      "ended"
                          .equals(
                              call("GET", hub.baseUrl() + "/v1/calls/" + missed, null, true)
                                  .at("/call/state")
                                  .asText()));
          JsonNode lost =
              call("GET", hub.baseUrl() + "/v1/calls/" + missed, null, true).get("call");
          assertThat(lost.get("outcome").asText()).isEqualTo("missed");
          assertThat(lost.get("holdtime").asInt()).isEqualTo(20);
          assertThat(lost.get("queue").asText()).isEqualTo("998");
        }
      }
    }
  }
}
