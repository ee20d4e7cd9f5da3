package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies of every size come through whole with the small copy buffer, on a real server. */
class HttpServerDefaultsTest {
  /** Many times the copy buffer and larger than Jetty's output buffer, not a multiple of either. */
  private static final String LARGE = "Nguyễn Văn Ân, 0901234567; ".repeat(9_001);

  private Javalin server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server =
        Javalin.create(
                config -> {
                  HttpServerDefaults.apply(config);
                  config.routes.get("/small", ctx -> ctx.result("{\"status code\":200}"));
                  config.routes.get("/large", ctx -> ctx.result(LARGE));
                  config.routes.get(
                      "/stream",
                      ctx ->
                          ctx.result(
                              new ByteArrayInputStream(LARGE.getBytes(StandardCharsets.UTF_8))));
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    client.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void theCopyBufferIsSmallerThanTheRepliesItCopies() {
    assertThat(LARGE.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(32 * HttpServerDefaults.REPLY_COPY_BUFFER);
  }

  @Test
  void aSmallReplyIsSentWhole() throws Exception {
    HttpResponse<String> small = get("/small");
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.body()).isEqualTo("{\"status code\":200}");
  }

  @Test
  void aLargeReplyIsSentWholeAndInOrder() throws Exception {
    for (String path : new String[] {"/large", "/stream"}) {
      HttpResponse<String> large = get(path);
      assertThat(large.statusCode()).isEqualTo(200);
      assertThat(large.body()).isEqualTo(LARGE);
    }
  }
}
