package dev.switchboard.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.TestHub;
import dev.switchboard.server.testing.RawConnection;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API token is compared on the bytes received, whatever came before on the same kept-alive
 * connection (Jetty's per-connection header cache matches values without case unless told not to).
 */
class ApiTokenOnOneConnectionTest {
  @TempDir Path folder;
  private TestHub hub;

  @BeforeEach
  void start() {
    hub =
        TestHub.start(
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")),
            Clock.systemUTC(),
            UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static String get(String token) {
    return "GET /v1/calls HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + token
        + "\r\n\r\n";
  }

  @Test
  void aCaseVariantOfTheTokenAfterTheRightOneIsRefusedOnTheSameConnection() throws Exception {
    String upper = TestHub.API_TOKEN.toUpperCase(Locale.ROOT);
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      assertThat(connection.exchange(get(TestHub.API_TOKEN)).status()).isEqualTo(200);
      assertThat(connection.exchange(get(upper)).status()).isEqualTo(401);
      assertThat(connection.exchange(get(TestHub.API_TOKEN)).status()).isEqualTo(200);
    }
  }

  @Test
  void theRightTokenAfterACaseVariantIsAcceptedOnTheSameConnection() throws Exception {
    String upper = TestHub.API_TOKEN.toUpperCase(Locale.ROOT);
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      assertThat(connection.exchange(get(upper)).status()).isEqualTo(401);
      assertThat(connection.exchange(get(TestHub.API_TOKEN)).status()).isEqualTo(200);
    }
  }
}
