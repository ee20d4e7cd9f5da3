package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's pages and the API's replies carry their security headers: a Content-Security-Policy
 * without inline scripts, no sniffing, no framing, same-origin referrers; {@code /} leads to the
 * console.
 */
class SecurityHeadersTest {
  @TempDir Path folder;
  TestHub hub;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    hub = TestHub.start(TestDatabases.sqlite(folder), Clock.systemUTC(), UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(hub.hub.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConsolesPagesForbidInlineScriptsFramingAndSniffing() throws Exception {
    var page = get("/console/index.html");
    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    var root = get("/");
    assertThat(root.statusCode()).isIn(301, 302, 303, 307, 308);
    assertThat(root.headers().firstValue("Location").orElseThrow()).startsWith("/console/");
  }

  @Test
  void theApisRepliesAreNeverFramedSniffedOrCachedRefusalsIncluded() throws Exception {
    for (var reply : new HttpResponse<?>[] {get("/v1/me"), get("/v1/calls")}) {
      assertThat(reply.statusCode()).isEqualTo(401);
      assertThat(reply.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(reply.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(reply.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(reply.headers().firstValue("Content-Security-Policy"))
          .contains("default-src 'none'; frame-ancestors 'none'");
    }
    assertThat(hub.api("/v1/me").status()).isEqualTo(200);
  }

  @Test
  void chartJsIsServedFromItsWebJarWithTheConsolesHeaders() throws Exception {
    var script = get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(script.body()).contains("Chart");
    assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }
}
