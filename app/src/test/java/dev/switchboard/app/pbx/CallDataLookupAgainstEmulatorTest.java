package dev.switchboard.app.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.reconcile.CallDataLookup;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.engine.FinishedCall;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call the PBX announces with empty call data ({@code calldata?callid=X&calldate=}, as a real PBX
 * does) is completed from the emulator's call-record report by the hub's look-up, over real HTTP.
 * The emulator sends no webhooks here, so all the hub knows of the call comes from the report.
 */
class CallDataLookupAgainstEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_TOKEN = "call-data-lookup-token";
  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock hubClock = new MutableClock(Instant.now());

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

  private HttpResponse<String> send(String method, String url, String body, boolean api)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (api) {
      request.header("Authorization", "Bearer " + API_TOKEN);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCallAnnouncedWithEmptyDataIsCompletedFromThePbxsReport() throws Exception {
    hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
                .withApiToken(API_TOKEN),
            hubClock);
    String hooks = hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
    pbx =
        Pbx.start(
            new PbxConfig(
                new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
                DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
                List.of(BuiltInCallCenter.tenant(Optional.empty(), Edition.V2)),
                new PbxConfig.ClockSettings(1, true),
                0,
                11,
                new PbxConfig.Delivery(Duration.ofHours(1), 0)),
            Clock.systemUTC());
    hub.tenants()
        .setPbx(
            Tenant.DEFAULT_ID,
            new PbxSettings(
                pbx.baseUrl(),
                Optional.empty(),
                new PbxKey(BuiltInCallCenter.KEY),
                BuiltInCallCenter.DOMAIN));
    send(
        "POST",
        pbx.baseUrl() + "/sim/calls",
        "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\","
            + "\"outcome\":\"answered\",\"extension\":\"101\",\"after\":5,\"talk\":37}",
        false);
    send("POST", pbx.baseUrl() + "/sim/clock", "{\"advance\":60}", false);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !pbx.engine()
                    .finished(
                        BuiltInCallCenter.DOMAIN,
                        Optional.empty(),
                        LocalDate.of(2000, 1, 1),
                        LocalDate.of(2100, 1, 1))
                    .isEmpty());
    FinishedCall truth =
        pbx.engine()
            .finished(
                BuiltInCallCenter.DOMAIN,
                Optional.empty(),
                LocalDate.of(2000, 1, 1),
                LocalDate.of(2100, 1, 1))
            .get(0);

    HttpResponse<String> notice =
        send(
            "GET",
            hooks + "/api/callcenter/calldata?callid=" + truth.callId() + "&calldate=",
            null,
            false);
    assertThat(notice.body()).isEqualTo("{\"status code\":200,\"message\":\"OK\"}");
    assertThat(hub.callDataLookup().runOnce()).isEqualTo(new CallDataLookup.Report(0, 0, 0, 0));

    hubClock.advance(Duration.ofSeconds(11)); // the look-up is due ten seconds after the notice
    assertThat(hub.callDataLookup().runOnce().merged()).isEqualTo(1);

    JsonNode call =
        JSON.readTree(send("GET", hub.baseUrl() + "/v1/calls/" + truth.callId(), null, true).body())
            .get("call");
    assertThat(call.get("state").asText()).isEqualTo("ended");
    assertThat(call.get("outcome").asText()).isEqualTo("answered");
    assertThat(call.get("answered_by").asText()).isEqualTo("101");
    assertThat(call.at("/customer/phone").asText()).isEqualTo("+84938363739");
    assertThat(call.get("duration").asLong()).isEqualTo(truth.duration().toSeconds());
    JsonNode events =
        JSON.readTree(send("GET", hub.baseUrl() + "/v1/calls/" + truth.callId(), null, true).body())
            .get("events");
    assertThat(events).extracting(e -> e.get("source").asText()).contains("webhook", "cdr-sync");

    hubClock.advance(Duration.ofMinutes(1));
    assertThat(hub.callDataLookup().runOnce()).isEqualTo(new CallDataLookup.Report(0, 0, 0, 0));
  }
}
