package dev.switchboard.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.testing.AppProcess;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a user runs it (its own process, the shipped logging configuration): whatever Jetty or
 * our code logs about a request, the log lines never carry its webhook token or API token.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SecretsStayOutOfLogsTest {
  private static final Pattern WEBHOOK =
      Pattern.compile("webhook URL\\s+(http://\\S+)/hooks/(\\S+)");
  private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
  private static final String API_TOKEN = "secrets-test-api-token-0123456789";

  @TempDir Path folder;

  @Test
  void aTooLargeRequestOnATokenUrlIsLoggedWithoutTheToken() throws Exception {
    try (AppProcess hub =
        AppProcess.start(
            Map.of("SWITCHBOARD_API_TOKEN", API_TOKEN),
            "hub",
            "--port",
            "0",
            "--db",
            "jdbc:sqlite:" + folder.resolve("hub.db"))) {
      Matcher webhook =
          WEBHOOK.matcher(hub.awaitLine(WEBHOOK.asPredicate(), Duration.ofSeconds(60)));
      assertThat(webhook.find()).isTrue();
      String base = webhook.group(1);
      String token = webhook.group(2);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> tooLarge =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base + "/hooks/" + token + "/api/callcenter/hangup/" + "a".repeat(8100)))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(tooLarge.statusCode()).isEqualTo(431);
      // Refused by Jetty before any route, in the hub's JSON shape; a client's mistake is not
      // logged at WARN (Jetty's HTML error page, which echoed the path, was: "Error page too
      // large"). Whatever is logged carries no token.
      assertThat(tooLarge.body())
          .isEqualTo("{\"status code\":431,\"message\":\"Request Header Fields Too Large\"}");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body())
          .contains("ok");
      // A request Jetty warns about, sent after the reply came: once its warning is out, so is
      // anything logged about the first one.
      try (Socket socket = new Socket(URI.create(base).getHost(), URI.create(base).getPort())) {
        socket
            .getOutputStream()
            .write(
                ("GET /hooks/"
                        + token
                        + "/api/callcenter/hangup?callid=a HTTP/1.1\r\n"
                        + "Host: a\r\nHost: b\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        socket.getInputStream().readAllBytes();
      }
      hub.awaitLine(line -> line.contains("multiple `Host` headers"), Duration.ofSeconds(30));
      List<String> logLines = hub.output().lines().filter(LOG_LINE.asPredicate()).toList();
      assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(token));
      assertThat(logLines).noneMatch(line -> line.contains(API_TOKEN));
    }
  }
}
