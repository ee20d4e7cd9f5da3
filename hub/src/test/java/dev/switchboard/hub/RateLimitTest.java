package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTP: a tenant past its rate limit is answered 429 with {@code Retry-After}, a message that
 * names the limit and the settings that raise it, and nothing stored; the default limit sits above
 * what a large tenant's PBX sends at its peak (docs/operations.md, "Rate limit").
 */
class RateLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));

  @Test
  void aTenantOverItsLimitIsAnswered429NamingTheLimitAndTheSettingsAndNothingIsStored()
      throws Exception {
    try (TestHub hub =
        TestHub.start(
            TestDatabases.sqlite(folder),
            clock,
            config ->
                config.withIntake(
                    new HubConfig.Intake(SourceNetworks.loopback(), 1, 3, 10_000, 500)))) {
      HttpResponse<String> refused = null;
      int accepted = 0;
      // A bucket of 3 refilled at 1 a second: a refusal comes within a few requests, however slow
      // the machine (each second of delay lets one more through).
      for (int i = 0; i < 100 && refused == null; i++) {
        HttpResponse<String> reply =
            hub.client()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                hub.webhookBase + "/api/callcenter/hangup?callid=limit-" + i))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 429) {
          refused = reply;
        } else {
          assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
          accepted++;
        }
      }
      assertThat(refused).as("a 429 within 100 requests").isNotNull();
      assertThat(accepted).isGreaterThanOrEqualTo(3);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode body = JSON.readTree(refused.body());
      assertThat(body.get("status code").asInt()).isEqualTo(429);
      assertThat(body.get("message").asText())
          .isEqualTo(
              "tenant default is over its rate limit of 1 webhooks a second (bursts of 3); retry"
                  + " after 1 s. The hub's operator raises it with intake.rate_per_second"
                  + " (SWITCHBOARD_RATE_PER_SECOND) and intake.rate_burst"
                  + " (SWITCHBOARD_RATE_BURST)");
      String refusedCall = "limit-" + accepted;
      long stored =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select count(*) from events where callid = :callid")
                          .bind("callid", refusedCall)
                          .mapTo(Long.class)
                          .one());
      assertThat(stored).as("the refused webhook is not stored").isZero();
      long hangups =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select count(*) from events where type = 'hangup'")
                          .mapTo(Long.class)
                          .one());
      assertThat(hangups).isEqualTo(accepted);
    }
  }

  @Test
  void theDefaultLimitIsAboveALargeTenantsPeak() {
    // docs/operations.md: 500 agents peak at about 200 webhooks a second (shift change), and a PBX
    // that held its webhooks through a 5-minute outage sends about 30,000 at once.
    HubConfig.Intake defaults = HubConfig.defaults().intake();
    assertThat(defaults.ratePerSecond()).isGreaterThanOrEqualTo(10 * 200);
    assertThat(defaults.rateBurst()).isGreaterThanOrEqualTo(30_000);
  }
}
