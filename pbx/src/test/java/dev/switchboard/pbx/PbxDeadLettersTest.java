package dev.switchboard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CRM that never answers: its webhooks become dead letters, listed and replayed over HTTP. */
class PbxDeadLettersTest {
  @TempDir Path folder;

  private static JsonNode send(String method, String url, String body) throws Exception {
    HttpResponse<String> reply =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .method(
                        method,
                        body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(reply.body());
  }

  @Test
  void webhooksNobodyTakesAreDeadLettersThatCanBeReplayed() throws Exception {
    PbxConfig config =
        new PbxConfig(
            new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
            List.of(BuiltInCallCenter.tenant(Optional.of("http://127.0.0.1:1/crm"), Edition.V2)),
            new PbxConfig.ClockSettings(1, true),
            0,
            1,
            new PbxConfig.Delivery(Duration.ofSeconds(1), 0));
    try (Pbx pbx = Pbx.start(config, Clock.systemUTC())) {
      send(
          "POST",
          pbx.baseUrl() + "/sim/calls",
          "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\",\"outcome\":\"busy\"}");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  send("GET", pbx.baseUrl() + "/sim/dead-letters", null).get("dead_letters").size()
                      == 2);
      JsonNode dead = send("GET", pbx.baseUrl() + "/sim/dead-letters", null).get("dead_letters");
      assertThat(dead.get(0).get("path_and_query").asText())
          .startsWith("/api/callcenter/hangup?callid=");
      assertThat(dead.toString()).doesNotContain("127.0.0.1:1");
      assertThat(
              send("POST", pbx.baseUrl() + "/sim/dead-letters/replay", null)
                  .get("replayed")
                  .asInt())
          .isEqualTo(2);
    }
  }
}
