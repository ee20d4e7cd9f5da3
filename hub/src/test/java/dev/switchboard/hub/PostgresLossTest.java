package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.testing.CuttableProxy;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub on PostgreSQL through a proxy the test cuts, as a database host that goes away: while it
 * is gone every webhook is answered 503 in the documents' shape (the tenant look-up too), none 500;
 * once it is back webhooks are stored again; and afterwards every webhook answered 200 is in the
 * log and none answered 503 is.
 */
@PostgresTest
class PostgresLossTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  private final Map<String, Integer> answered = new LinkedHashMap<>();
  private int sent;

  @Test
  @Timeout(180)
  void whileTheDatabaseIsGoneWebhooksAre503AndA503IsNeverStored() throws Exception {
    DatabaseSettings direct = TestDatabases.postgres().orElseThrow();
    try (CuttableProxy proxy = new CuttableProxy(5432)) {
      DatabaseSettings proxied =
          DatabaseSettings.of(
              direct.jdbcUrl().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()));
      assertThat(proxied.jdbcUrl()).isNotEqualTo(direct.jdbcUrl());
      try (TestHub hub = TestHub.start(proxied, clock, UnaryOperator.identity())) {
        sendAll(hub, 10);
        assertThat(answered.values()).containsOnly(200);

        proxy.cut();
        // The tenant is known (its look-up cached): the writer finds no database.
        List<String> body = new ArrayList<>();
        for (TestHub.Reply reply : sendAll(hub, 8)) {
          assertThat(reply.status()).isEqualTo(503);
          body.add(reply.json().get("message").asText());
        }
        assertThat(body).allMatch(message -> message.contains("retry"));
        // Past the tenant cache: the look-up itself finds no database.
        clock.advance(Duration.ofSeconds(6));
        for (TestHub.Reply reply : sendAll(hub, 4)) {
          assertThat(reply.status()).isEqualTo(503);
          assertThat(reply.body())
              .isEqualTo(
                  "{\"status code\":503,\"message\":\"the database is unavailable; retry later\"}");
        }
        assertThat(hub.get(hub.hub.baseUrl() + "/health", false).status()).isEqualTo(503);

        proxy.restore();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> sendAll(hub, 1).get(0).status() == 200);
        sendAll(hub, 10);
      }
    }
    List<String> stored = storedHangups(direct);
    answered.forEach(
        (callId, status) -> {
          if (status == 200) {
            assertThat(stored).as("answered 200").contains(callId);
          } else {
            assertThat(status).isEqualTo(503);
            assertThat(stored).as("answered 503").doesNotContain(callId);
          }
        });
    assertThat(answered.values()).contains(503).filteredOn(s -> s == 200).hasSizeGreaterThan(20);
  }

  @Test
  @Timeout(180)
  void sessionsTheServerEndsMidIntakeCostRetriesNeverAWrong200() throws Exception {
    DatabaseSettings fresh = TestDatabases.postgres().orElseThrow();
    String application = "loss-" + System.nanoTime();
    DatabaseSettings named =
        DatabaseSettings.of(fresh.jdbcUrl() + "&ApplicationName=" + application);
    Map<String, String> messages = new LinkedHashMap<>();
    try (TestHub hub = TestHub.start(named, clock, UnaryOperator.identity())) {
      Jdbi admin = Jdbi.create(System.getenv(TestDatabases.PG_URL_VARIABLE));
      for (int round = 0; round < 3; round++) {
        // Webhooks go in without a pause while the server ends the hub's sessions: ended until
        // at least one was (the pool may be between connections at the first try).
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<List<TestHub.Reply>> load =
            CompletableFuture.supplyAsync(
                () -> {
                  List<TestHub.Reply> replies = new ArrayList<>(sendAll(hub, 20));
                  while (sending.get()) {
                    replies.addAll(sendAll(hub, 20));
                  }
                  return replies;
                });
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(10))
            .until(
                () ->
                    admin.withHandle(
                            h ->
                                h.createQuery(
                                        "select count(pg_terminate_backend(pid)) from"
                                            + " pg_stat_activity where application_name = :name")
                                    .bind("name", application)
                                    .mapTo(Integer.class)
                                    .one())
                        > 0);
        Thread.sleep(50);
        sending.set(false);
        for (TestHub.Reply reply : load.join()) {
          assertThat(reply.status()).as(reply.body()).isIn(200, 503);
          if (reply.status() == 503) {
            messages.put(reply.body(), reply.body());
          }
        }
      }
      // The pool replaces the ended sessions by itself: webhooks are stored again.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> sendAll(hub, 1).get(0).status() == 200);
    }
    List<String> stored = storedHangups(fresh);
    answered.forEach(
        (callId, status) -> {
          if (status == 200) {
            assertThat(stored).as("answered 200").contains(callId);
          }
        });
    assertThat(messages.keySet()).allMatch(body -> body.contains("retry"));
  }

  /** The callids of the hangups in the log of {@code database}. */
  private static List<String> storedHangups(DatabaseSettings database) {
    return Jdbi.create(database.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("select callid from events where type = 'hangup'")
                    .mapTo(String.class)
                    .list());
  }

  /** Sends {@code count} hangups of new calls at once and records each one's answer. */
  private List<TestHub.Reply> sendAll(TestHub hub, int count) {
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String callId = "loss-" + (++sent);
      ids.add(callId);
      replies.add(
          hub.client()
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(hub.webhookBase + "/api/callcenter/hangup?callid=" + callId))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    List<TestHub.Reply> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> reply = replies.get(i).join();
      answered.put(ids.get(i), reply.statusCode());
      out.add(new TestHub.Reply(reply.statusCode(), reply.body()));
    }
    return out;
  }
}
