package dev.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner judges real servers (the JDK's): each rule catches what it is for, and only that. */
@Timeout(60)
class HostileRunTest {
  private static final ErrorShape ERROR = ErrorShape.jsonWithText("{\"error\":\"...\"}", "error");
  private static final List<Target> TARGETS =
      List.of(
          Target.get("calls", "/v1/calls", ERROR).withQuery("from", "2024-03-01T00:00:00Z"),
          Target.post("contact", "/v1/contacts/{7}", ERROR).withJsonText("name", "An"));

  private final AtomicLong stored = new AtomicLong();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int serve(int status, String contentType, String body, boolean stores)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (stores) {
            stored.incrementAndGet();
          }
          reply(
              exchange,
              exchange.getRequestURI().getPath().equals("/health") ? 200 : status,
              contentType,
              body);
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Tally run(int port, Category category, int count, Duration timeout) {
    HostileGenerator generator = new HostileGenerator(5, TARGETS);
    return new HostileRun(port, timeout, generator.anyShape(), List.of(), stored::get)
        .run(category, generator.generate(category, count));
  }

  @Test
  void aServerThatRefusesInTheDocumentedShapeHasNoViolations() throws IOException {
    int port = serve(400, "application/json", "{\"error\":\"from: not a time\"}", false);

    Tally tally = run(port, Category.DATES, 20, Duration.ofSeconds(10));

    assertThat(tally.violations()).isEmpty();
    assertThat(tally.requests()).isEqualTo(20);
    assertThat(tally.outcomes()).containsEntry("400", 20);
  }

  @Test
  void aServerErrorIsAViolationNamingTheRequest() throws IOException {
    int port = serve(500, "application/json", "{\"error\":\"internal\"}", false);

    Tally tally = run(port, Category.HUGE_NUMBERS, 5, Duration.ofSeconds(10));

    assertThat(tally.violationCount()).isEqualTo(5);
    assertThat(tally.violations().get(0))
        .startsWith("a server error for a client's request: HUGE_NUMBERS #0 ")
        .contains(" -> 500 application/json");
  }

  @Test
  void aRefusalWithoutTheDocumentedShapeIsAViolation() throws IOException {
    int port = serve(404, "text/plain", "Not Found", false);

    Tally tally = run(port, Category.DATES, 5, Duration.ofSeconds(10));

    assertThat(tally.violations())
        .hasSize(5)
        .allMatch(v -> v.startsWith("the error is not {\"error\""));
  }

  @Test
  void aRefusedRequestThatStoresSomethingIsAViolation() throws IOException {
    int port = serve(400, "application/json", "{\"error\":\"no\"}", true);

    Tally tally = run(port, Category.DUPLICATED_PARAMETERS, 3, Duration.ofSeconds(10));

    assertThat(tally.violations())
        .hasSize(3)
        .allMatch(v -> v.startsWith("a refused request stored something"));
  }

  @Test
  void anAcceptedRequestMayStore() throws IOException {
    int port = serve(200, "application/json", "{}", true);

    assertThat(run(port, Category.DATES, 5, Duration.ofSeconds(10)).violations()).isEmpty();
  }

  @Test
  void aServerThatNeverAnswersIsAViolation() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });

      Tally tally = run(silent.getLocalPort(), Category.METHODS, 2, Duration.ofMillis(300));

      assertThat(tally.outcomes()).containsEntry("no answer", 2);
      assertThat(tally.violations()).hasSize(2).allMatch(v -> v.startsWith("no answer within"));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void aRefusalQuotingASecretIsAViolation() throws IOException {
    int port = serve(404, "application/json", "{\"error\":\"no token s3cr3t-token-1\"}", false);
    HostileGenerator generator = new HostileGenerator(5, TARGETS);

    Tally tally =
        new HostileRun(
                port,
                Duration.ofSeconds(10),
                generator.anyShape(),
                List.of("s3cr3t-token-1"),
                stored::get)
            .run(Category.DATES, generator.generate(Category.DATES, 2));

    assertThat(tally.violations())
        .hasSize(2)
        .allMatch(v -> v.startsWith("a refusal quotes a secret"));
  }
}
