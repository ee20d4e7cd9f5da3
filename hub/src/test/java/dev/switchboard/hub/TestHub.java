package dev.switchboard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real hub on port 0 over a real database, with an HTTP client speaking to it. */
public final class TestHub implements AutoCloseable {
  public static final String API_TOKEN = "test-api-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Hub hub;
  public final String webhookBase;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestHub(Hub hub, String webhookBase) {
    this.hub = hub;
    this.webhookBase = webhookBase;
  }

  /** A hub over {@code database} with the test API token, tuned by {@code tune}. */
  public static TestHub start(
      DatabaseSettings database, Clock clock, UnaryOperator<HubConfig> tune) {
    HubConfig config =
        tune.apply(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(database)
                .withApiToken(API_TOKEN)
                .withStream(new HubConfig.Stream(1000, Duration.ofMillis(300), 10_000)));
    Hub hub = Hub.start(config, clock);
    String token = hub.startup().defaultTenant().map(created -> created.token()).orElse(null);
    return new TestHub(hub, hub.baseUrl() + "/hooks/" + token);
  }

  /** A response: status and body. */
  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        throw new AssertionError("not JSON: " + body, notJson);
      }
    }
  }

  /**
   * GET of a webhook under the default tenant's base URL: {@code pathAndQuery} as a PBX sends it.
   */
  public Reply webhook(String pathAndQuery) {
    return get(webhookBase + escape(pathAndQuery), false);
  }

  /** POST of a webhook body. */
  public Reply postWebhook(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(webhookBase + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** GET of a URL, with the API token when {@code authorised}. */
  public Reply get(String url, boolean authorised) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (authorised) {
      request.header("Authorization", "Bearer " + API_TOKEN);
    }
    return send(request);
  }

  /** GET of an API path with the token. */
  public Reply api(String path) {
    return get(hub.baseUrl() + path, true);
  }

  /** A request with a JSON body to an API path with the token. */
  public Reply api(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
            .header("Authorization", "Bearer " + API_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpClient client() {
    return http;
  }

  /** Sends any request. */
  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /**
   * Percent-encodes what may not stand raw in a request line (spaces, braces, non-ASCII), as an
   * HTTP client does with the seed's example URLs; everything else is sent as written.
   */
  public static String escape(String url) {
    StringBuilder out = new StringBuilder();
    for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '{' || c == '}' || c == '"' || c == '|' || c == '\\'
          || c == '^' || c == '`' || c == '<' || c == '>') {
        out.append('%').append(String.format("%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    hub.close();
  }
}
