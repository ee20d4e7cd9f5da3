package dev.switchboard.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.TestHub;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook answered 503 was not stored, and never is later: while another connection holds
 * SQLite's write lock, webhooks wait at most a few seconds, are withdrawn from the writer's queue
 * and answered 503; once the lock is free the writer goes on with what came after, and the
 * withdrawn ones are never written.
 */
class WebhookFateTest {
  @TempDir Path folder;

  @Test
  @Timeout(120)
  void webhooksWithdrawnWhileTheDatabaseIsLockedAreAnswered503AndNeverStored() throws Exception {
    DatabaseSettings database = TestDatabases.sqlite(folder);
    try (TestHub hub = TestHub.start(database, Clock.systemUTC(), UnaryOperator.identity())) {
      assertThat(hub.webhook("/api/callcenter/hangup?callid=before").status()).isEqualTo(200);
      List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
      try (Connection other = DriverManager.getConnection(database.jdbcUrl());
          Statement lock = other.createStatement()) {
        lock.execute("begin immediate"); // what a long import or another process may do
        for (int i = 0; i < 6; i++) {
          replies.add(
              hub.client()
                  .sendAsync(
                      HttpRequest.newBuilder(
                              URI.create(
                                  hub.webhookBase + "/api/callcenter/hangup?callid=locked-" + i))
                          .timeout(Duration.ofSeconds(60))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
        lock.execute("rollback");
      }
      for (CompletableFuture<HttpResponse<String>> reply : replies) {
        assertThat(reply.join().statusCode()).isEqualTo(503);
        assertThat(reply.join().body())
            .startsWith("{\"status code\":503,\"message\":\"")
            .contains("retry");
      }
      // The writer goes on past what was withdrawn: a later webhook is stored, the 503s never are.
      assertThat(hub.webhook("/api/callcenter/hangup?callid=after").status()).isEqualTo(200);
      List<String> stored =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select callid from events order by seq")
                          .mapTo(String.class)
                          .list());
      assertThat(stored).containsExactly("before", "after");
    }
  }
}
