package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.testing.RawConnection;
import dev.switchboard.server.testing.RawReply;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no ordinary client sends, over a raw connection: each is a client's mistake, answered
 * with a 4xx and the documented {@code {"result":null,"message":"..."}} naming the problem (never
 * the key), and starts nothing.
 */
class BadRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INBOUND =
      "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0938363739\"}";
  private static final String DIAL =
      "/api/CallControl/dial/from_number/100/to_number/0938363739/key/"
          + TestPbx.KEY
          + "/domain/abc.com";

  private final TestPbx pbx = TestPbx.start();

  @AfterEach
  void stop() {
    pbx.close();
  }

  private RawReply send(String request) throws Exception {
    try (RawConnection connection = new RawConnection(URI.create(pbx.baseUrl()).getPort())) {
      return connection.exchange(request);
    }
  }

  private static String post(String path, String contentType, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }

  /** The reply is the documented error with {@code status}; returns its message. */
  private static String error(RawReply reply, int status) throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.mediaType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.get("result").isNull()).as(reply.body()).isTrue();
    assertThat(reply.headers() + reply.body()).doesNotContain(TestPbx.KEY);
    return body.get("message").asText();
  }

  static Stream<String> apiAndControlPaths() {
    return Stream.of(
        "/sim/calls", "/sim/agents/101", "/sim/clock", "/api/Agent/status/format/json");
  }

  @ParameterizedTest
  @MethodSource("apiAndControlPaths")
  void anUnknownCharsetIs415NamingTheCharset(String path) throws Exception {
    String message = error(send(post(path, "application/json; charset=nonexistent", INBOUND)), 415);

    assertThat(message).contains("'nonexistent'").contains("UTF-8");
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void aCharsetNameThatCannotBeOneIs415Too() throws Exception {
    String message =
        error(send(post("/sim/calls", "application/json; charset=\u00FF", INBOUND)), 415);

    assertThat(message).contains("charset");
  }

  @Test
  void anInfiniteNumberOfSecondsIs400NamingTheField() throws Exception {
    String body = INBOUND.replace("}", ",\"after\":1e309}");

    assertThat(error(send(post("/sim/calls", "application/json", body)), 400))
        .startsWith("field after: ");
    assertThat(error(send(post("/sim/clock", "application/json", "{\"advance\":-1e309}")), 400))
        .isEqualTo("field advance: is negative");
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  static Stream<String> pathsWithAPercentU() {
    return Stream.of(
        "/play_audio/data/%u0041",
        "/sim/agents/%u0041",
        DIAL.replace("0938363739", "%u0041"),
        DIAL.replace("/domain/abc.com", "/domain/abc%u002ecom"));
  }

  @ParameterizedTest
  @MethodSource("pathsWithAPercentU")
  void aMalformedPercentEscapeInThePathIs400(String path) throws Exception {
    String request =
        path.startsWith("/sim/") ? post(path, "application/json", "{\"paused\":true}") : get(path);

    assertThat(error(send(request), 400)).contains("percent-escape");
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void aBodyEndingBeforeItsContentLengthIs400() throws Exception {
    try (RawConnection connection = new RawConnection(URI.create(pbx.baseUrl()).getPort())) {
      connection.send(
          "POST /sim/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 500\r\n\r\n"
              + INBOUND);
      connection.shutdownOutput();

      assertThat(error(connection.read(), 400)).contains("body");
    }
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void aContentLengthBeyondTheLimitIs413() throws Exception {
    try (RawConnection connection = new RawConnection(URI.create(pbx.baseUrl()).getPort())) {
      connection.send(
          "POST /sim/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1000000000\r\n\r\n"
              + INBOUND);
      connection.shutdownOutput();

      assertThat(error(connection.read(), 413)).contains("1000000");
    }
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void aBrokenChunkedBodyIs400() throws Exception {
    String request =
        "POST /sim/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
            + INBOUND
            + "\r\n0\r\n\r\n";

    error(send(request), 400);
    assertThat(pbx.engine.activeCalls()).isZero();
  }

  @Test
  void anUnknownRouteOrMethodIsTheDocumented404WithoutTheKey() throws Exception {
    assertThat(error(send(get("/sim/nothing")), 404)).contains("/sim/nothing");
    assertThat(error(send(post(DIAL, "application/json", "{}")), 404))
        .contains("POST")
        .contains("/key/***/");
  }

  @Test
  void aRequestJettyRefusesIsTheDocumentedErrorWithoutTheKey() throws Exception {
    // An ambiguous path, an escape that is no hex and a control byte in a header: refused
    // before any route runs.
    error(send(get(DIAL.replace("/dial/", "/%2e%2e;/dial/"))), 400);
    assertThat(error(send(get(DIAL.replace("/dial/", "/di%zzal/"))), 400))
        .startsWith("bad request");
    error(
        send(
            "GET "
                + DIAL
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: a\u0000b\r\nConnection: close\r\n\r\n"),
        400);
  }
}
