package dev.switchboard.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.PbxConfigLoader;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures for calls the emulator's engine placed and sent as webhooks, whose answers
 * are known: in queue 999, 10 calls, 7 answered (after 5, 8, 12, 15, 25, 30 and 40 s: 4 within the
 * 20 s threshold), 3 abandoned (after 3, 30 and 45 s: one under the 5 s short-abandon threshold).
 * Default KPI settings: short abandons left out of the service level's denominator.
 */
class EmulatorCallsReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_TOKEN = "emulator-report-token";
  private static final int[] ANSWERED_AFTER = {5, 8, 12, 15, 25, 30, 40};
  private static final int[] ABANDONED_AFTER = {3, 30, 45};
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path folder;

  @Test
  @Timeout(120)
  void figuresOfTheEmulatorsCallsAreTheKnownAnswers() throws Exception {
    HubConfig hubConfig =
        HubConfig.defaults()
            .withPort(0)
            .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
            .withApiToken(API_TOKEN);
    FollowingClock clock = new FollowingClock(Clock.systemUTC());
    try (Hub hub = Hub.start(hubConfig, clock)) {
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
                  "jdbc:sqlite:" + folder.resolve("pbx.db"),
                  "crm_url",
                  hooks,
                  "step",
                  "true",
                  "traffic",
                  "0"));
      Map<String, Integer> talkOf = new HashMap<>();
      int talked = 0;
      try (Pbx pbx = Pbx.start(config, Clock.systemUTC())) {
        clock.follow(pbx.engine().clock());
        // One call at a time, each to its end before the next: nothing but the script decides.
        for (int i = 0; i < ANSWERED_AFTER.length; i++) {
          String extension = "10" + (1 + i % 6);
          int talk = 20 + 5 * i;
          talked += talk;
          talkOf.merge(extension, 1, Integer::sum);
          place(
              pbx,
              "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"093836370"
                  + i
                  + "\",\"outcome\":\"answered\",\"extension\":\""
                  + extension
                  + "\",\"after\":"
                  + ANSWERED_AFTER[i]
                  + ",\"talk\":"
                  + talk
                  + "}",
              ANSWERED_AFTER[i] + talk);
        }
        for (int i = 0; i < ABANDONED_AFTER.length; i++) {
          place(
              pbx,
              "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"091234567"
                  + i
                  + "\",\"outcome\":\"abandoned\",\"after\":"
                  + ABANDONED_AFTER[i]
                  + "}",
              ABANDONED_AFTER[i]);
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    api(hub, "/v1/calls?state=ended&limit=50").path("calls").size() == 10
                        && report(hub).at("/totals/offered").asInt() == 10);
      }

      JsonNode report = report(hub);
      JsonNode q = row(report.get("by_queue"), "queue", "999");
      JsonNode totals = report.get("totals").deepCopy();
      assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) totals).put("queue", "999"))
          .as("queue 999 is all the calls")
          .isEqualTo(q);
      assertThat(q.get("offered").asInt()).isEqualTo(10);
      assertThat(q.get("answered").asInt()).isEqualTo(7);
      assertThat(q.get("answered_within_threshold").asInt()).isEqualTo(4);
      assertThat(q.get("abandoned").asInt()).isEqualTo(3);
      assertThat(q.get("short_abandons").asInt()).isEqualTo(1);
      assertThat(q.get("service_level").asDouble()).isCloseTo(4.0 / 9, within(1e-9));
      assertThat(q.get("answer_rate").asDouble()).isCloseTo(7.0 / 9, within(1e-9));
      assertThat(q.get("asa_seconds").asDouble()).isCloseTo(135.0 / 7, within(1e-9));
      assertThat(q.get("longest_wait_seconds").asLong()).isEqualTo(45);
      assertThat(q.get("aht_seconds").asDouble()).isCloseTo(talked / 7.0, within(1e-9));
      Map<String, Integer> answeredBy = new HashMap<>();
      for (JsonNode agent : report.get("by_agent")) {
        if (agent.path("answered").asInt() > 0) {
          answeredBy.put(agent.path("agent").asText(), agent.path("answered").asInt());
        }
      }
      assertThat(answeredBy).isEqualTo(talkOf);
    }
  }

  /** Scripts one call and runs the engine's clock past its end, a second at a time. */
  private void place(Pbx pbx, String script, int seconds) throws Exception {
    JsonNode placed = send("POST", pbx.baseUrl() + "/sim/calls", script, false);
    assertThat(placed.path("callid").asText()).as(placed.toString()).isNotEmpty();
    for (int second = 0; second < seconds + 10; second++) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(2))
          .until(() -> pbx.dispatcher().stats().pending() == 0);
      send("POST", pbx.baseUrl() + "/sim/clock", "{\"advance\":1}", false);
    }
  }

  private JsonNode report(Hub hub) throws Exception {
    // Three days around today (the emulator's stepped clock runs ahead of the hub's).
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    return api(hub, "/v1/reports?from=" + today.minusDays(1) + "&to=" + today.plusDays(1));
  }

  private JsonNode api(Hub hub, String path) throws Exception {
    return send("GET", hub.baseUrl() + path, null, true);
  }

  private JsonNode send(String method, String url, String body, boolean api) throws Exception {
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
    assertThat(reply.statusCode()).as(url + ": " + reply.body()).isLessThan(300);
    return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
  }

  private static JsonNode row(JsonNode rows, String key, String value) {
    for (JsonNode row : rows) {
      if (row.path(key).asText().equals(value)) {
        return row;
      }
    }
    throw new AssertionError("no row with " + key + " = " + value + " in " + rows);
  }
}
