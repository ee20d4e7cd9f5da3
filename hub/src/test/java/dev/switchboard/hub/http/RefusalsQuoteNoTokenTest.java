package dev.switchboard.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.TestHub;
import dev.switchboard.server.testing.RawConnection;
import dev.switchboard.server.testing.RawReply;
import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused request never has its webhook token quoted back: neither Jetty's own refusals (a path
 * or header it will not parse) nor Javalin's unknown route, which both used to print the path.
 */
class RefusalsQuoteNoTokenTest {
  @TempDir Path folder;
  private TestHub hub;
  private String token;

  @BeforeEach
  void start() {
    hub =
        TestHub.start(
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")),
            Clock.systemUTC(),
            UnaryOperator.identity());
    token = hub.webhookBase.substring(hub.webhookBase.lastIndexOf('/') + 1);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private RawReply send(String request) throws Exception {
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      return connection.exchange(request);
    }
  }

  private void assertRefusedWithoutToken(RawReply reply, int status) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.mediaType()).isEqualTo("application/json");
    // A refusal on a webhook path is in the documents' shape, as every webhook reply is.
    assertThat(reply.body()).startsWith("{\"status code\":" + status + ",");
    assertThat(reply.headers() + reply.body()).doesNotContain(token);
  }

  @Test
  void aControlByteInAHeaderIsRefusedWithoutQuotingThePath() throws Exception {
    RawReply reply =
        send(
            "GET /hooks/"
                + token
                + "/api/callcenter/hangup?callid=a HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\n\r\n");

    assertRefusedWithoutToken(reply, 400);
  }

  @Test
  void anAmbiguousPathIsRefusedWithoutQuotingIt() throws Exception {
    RawReply reply =
        send(
            "GET /hooks/"
                + token
                + "/api/%2e%2e;/callcenter/hangup?callid=a HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");

    assertRefusedWithoutToken(reply, 400);
  }

  @Test
  void aMethodNoWebhookTakesIsRefusedWithoutQuotingThePath() throws Exception {
    RawReply reply =
        send(
            "PUT /hooks/"
                + token
                + "/api/callcenter/hangup?callid=a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");

    assertRefusedWithoutToken(reply, 404);
    assertThat(reply.body()).contains("/hooks/***/");
  }
}
