package dev.switchboard.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.hub.TestHub;
import dev.switchboard.server.testing.RawConnection;
import dev.switchboard.server.testing.RawReply;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no well-behaved client sends, over one raw connection each: every one is the client's
 * mistake and gets a 4xx in the usual error shape naming the problem, never a 5xx, never a stack
 * trace in the log, and nothing stored.
 */
class ClientMistakesTest {
  private static final String AUTH = "Authorization: Bearer " + TestHub.API_TOKEN + "\r\n";

  @TempDir Path folder;
  private TestHub hub;
  private String hooks; // the default tenant's /hooks/{token}

  @BeforeEach
  void start() {
    hub = TestHub.start(TestDatabases.sqlite(folder), Clock.systemUTC(), UnaryOperator.identity());
    hooks = hub.webhookBase.substring(hub.webhookBase.indexOf("/hooks/"));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private RawReply exchange(String request) throws Exception {
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      return connection.exchange(request);
    }
  }

  private long rows(String table) {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Long.class).one());
  }

  private static String post(String path, String headers, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: hub\r\n" + headers + "\r\n" + body;
  }

  private static final String CHUNKED =
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n";

  @Test
  void headWithAWrongTokenGetsTheSame404AsGet() throws Exception {
    String path = "/hooks/not-a-token/api/callcenter/hangup?callid=x";
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      connection.send("HEAD " + path + " HTTP/1.1\r\nHost: hub\r\n\r\n");
      RawReply head = connection.read(true);
      RawReply get = connection.exchange("GET " + path + " HTTP/1.1\r\nHost: hub\r\n\r\n");
      assertThat(head.status()).isEqualTo(404).isEqualTo(get.status());
      assertThat(get.body())
          .isEqualTo("{\"status code\":404,\"message\":\"unknown webhook token\"}");
    }
  }

  @Test
  void headOfAValidWebhookIsAnsweredAsGetWithoutABodyAndStoresNothing() throws Exception {
    try (RawConnection connection = new RawConnection(hub.hub.port())) {
      for (String path :
          new String[] {
            "/api/callcenter/hangup?callid=head-1",
            "/api/callcenter/transfer?callid=head-2", // an unknown path under /api/
            "/api/callcenter/route?phone=0938363739"
          }) {
        connection.send("HEAD " + hooks + path + " HTTP/1.1\r\nHost: hub\r\n\r\n");
        assertThat(connection.read(true).status()).as(path).isEqualTo(200);
      }
      connection.send("HEAD " + hooks + "/api/callcenter/hangup HTTP/1.1\r\nHost: hub\r\n\r\n");
      assertThat(connection.read(true).status()).as("no callid").isEqualTo(404);
      // No body came after the HEAD replies: the next reply on the connection reads cleanly.
      RawReply health = connection.exchange("GET /health HTTP/1.1\r\nHost: hub\r\n\r\n");
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }
    assertThat(rows("events")).isZero();
  }

  @Test
  void brokenChunkedBodiesAreRefusedWith400OnIntakeAndOnContacts() throws Exception {
    try (LogCapture logs = LogCapture.warnings()) {
      for (String chunks :
          new String[] {"zz\r\nabc\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"}) {
        RawReply intake = exchange(post(hooks + "/api/callcenter/hangup", CHUNKED, chunks));
        assertThat(intake.status()).as(chunks).isEqualTo(400);
        assertThat(intake.body())
            .startsWith("{\"status code\":400,\"message\":\"the request body could not be read")
            .contains("chunked framing is broken");
        RawReply contacts = exchange(post("/v1/contacts", AUTH + CHUNKED, chunks));
        assertThat(contacts.status()).as(chunks).isEqualTo(400);
        assertThat(contacts.body())
            .startsWith("{\"error\":\"the request body could not be read")
            .contains("chunked framing is broken");
      }
      assertThat(logs.atLeast(Level.WARN)).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
    assertThat(rows("events")).isZero();
    assertThat(rows("contacts")).isZero();
  }

  @Test
  void aBodyShorterThanItsContentLengthThenAHalfCloseIsA400WithNoStackTrace() throws Exception {
    String headers = "Content-Type: application/json\r\nContent-Length: 100\r\n";
    try (LogCapture logs = LogCapture.warnings()) {
      for (String path : new String[] {hooks + "/api/callcenter/hangup", "/v1/contacts"}) {
        try (RawConnection connection = new RawConnection(hub.hub.port())) {
          connection.send(post(path, AUTH + headers, "{\"callid\":"));
          connection.shutdownOutput();
          RawReply reply = connection.read();
          assertThat(reply.status())
              .as(path.startsWith("/hooks/") ? "intake" : path)
              .isEqualTo(400);
          assertThat(reply.body())
              .contains("the request body could not be read: it ended before its Content-Length");
        }
      }
      assertThat(logs.atLeast(Level.WARN)).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
    assertThat(rows("events")).isZero();
    assertThat(rows("contacts")).isZero();
  }

  @Test
  void aCharsetNobodyKnowsOnAV1PostIsA400NamingIt() throws Exception {
    String type = "Content-Type: application/json; charset=nonexistent\r\n";
    String contact = "{\"name\":\"Lan\",\"phones\":[\"0938363739\"]}";
    for (String[] request :
        new String[][] {
          {"/v1/contacts", contact},
          {"/v1/calls", "{\"extension\":\"101\",\"phone\":\"0938363739\"}"},
          {"/v1/spy", "{\"src\":\"110\",\"dst\":\"101\",\"mode\":\"whisper\"}"}
        }) {
      String headers = AUTH + type + "Content-Length: " + request[1].length() + "\r\n";
      RawReply reply = exchange(post(request[0], headers, request[1]));
      assertThat(reply.status()).as(request[0]).isEqualTo(400);
      assertThat(reply.body())
          .isEqualTo(
              "{\"error\":\"Content-Type: the charset 'nonexistent' is not one the hub can read;"
                  + " send the body as UTF-8 (charset=utf-8)\"}");
    }
    assertThat(rows("contacts")).isZero();
    assertThat(rows("audit_log")).isZero();
  }

  @Test
  void aPercentUEscapeInAPathParameterIsA400NamingTheEscape() throws Exception {
    assertThat(exchange("GET /v1/calls/%u0041 HTTP/1.1\r\nHost: hub\r\n" + AUTH + "\r\n").body())
        .isEqualTo(
            "{\"error\":\"path: '%u0041' is not a percent escape (% must be followed by two hex"
                + " digits, as in %41)\"}");
    for (String request :
        new String[] {
          "GET /v1/contacts/%uD800 HTTP/1.1\r\nHost: hub\r\n" + AUTH + "\r\n",
          "POST /v1/agents/%uD800/pause HTTP/1.1\r\nHost: hub\r\n"
              + AUTH
              + "Content-Length: 0\r\n\r\n"
        }) {
      RawReply reply = exchange(request);
      String line = request.substring(0, request.indexOf('\r')); // no token in a failure message
      assertThat(reply.status()).as(line).isEqualTo(400);
      assertThat(reply.body()).as(line).startsWith("{\"error\":\"path: ");
    }
    // Escapes that are not UTF-8 Jetty refuses itself, answered in the same shape.
    assertThat(
            exchange("GET /v1/agents/%ED%A0%80/history HTTP/1.1\r\nHost: hub\r\n" + AUTH + "\r\n")
                .body())
        .isEqualTo("{\"error\":\"Bad UTF-8 encoding\"}");
    RawReply webhook =
        exchange(
            "GET " + hooks + "/api/callcenter/hangup%u0041?callid=x HTTP/1.1\r\nHost: hub\r\n\r\n");
    assertThat(webhook.status()).isEqualTo(400);
    assertThat(webhook.body()).startsWith("{\"status code\":400,\"message\":\"path: '%u0041'");
    assertThat(webhook.body()).doesNotContain(hooks.substring("/hooks/".length()));
    assertThat(rows("events")).isZero();
    assertThat(rows("audit_log")).isZero();
  }
}
