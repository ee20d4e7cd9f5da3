package dev.switchboard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.hub.TestHub;
import dev.switchboard.store.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub serves the console from its jar, with headers that forbid inline script and eval. */
class ConsoleServingTest {
  @TempDir Path folder;
  private TestHub hub;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    hub =
        hub != null
            ? hub
            : TestHub.start(
                DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")),
                Clock.systemUTC(),
                config -> config);
    return http.send(
        HttpRequest.newBuilder(URI.create(hub.hub.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRootRedirectsToTheConsole() throws Exception {
    HttpResponse<String> root = get("/");
    assertThat(root.statusCode()).isIn(301, 302, 303, 307, 308);
    assertThat(root.headers().firstValue("Location")).hasValue("/console/");
  }

  @Test
  void pagesScriptsAndBundlesComeWithTheirTypesAndTheSecurityHeaders() throws Exception {
    for (String[] file :
        new String[][] {
          {"/console/index.html", "text/html"},
          {"/console/", "text/html"},
          {"/console/js/stream.js", "javascript"},
          {"/console/css/console.css", "text/css"},
          {"/console/i18n/vi.json", "application/json"},
        }) {
      HttpResponse<String> reply = get(file[0]);
      assertThat(reply.statusCode()).as(file[0]).isEqualTo(200);
      assertThat(reply.headers().firstValue("Content-Type").orElseThrow())
          .as(file[0])
          .contains(file[1]);
      String policy = reply.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .contains("default-src 'self'")
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(reply.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
      assertThat(reply.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
    assertThat(get("/console/i18n/vi.json").body()).contains("\"login.submit\": \"Đăng nhập\"");
  }

  @Test
  void aFileOutsideTheConsoleFolderIsNotServed() throws Exception {
    assertThat(get("/console/../openapi.json").statusCode()).isNotEqualTo(500);
    assertThat(get("/console/%2e%2e/db/").statusCode()).isIn(400, 404);
    assertThat(get("/console/nope.html").statusCode()).isEqualTo(404);
  }
}
