package dev.switchboard.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.demo.FollowingClock;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A hub fed by a stepped emulator (the built-in call center: agents 101-112, queues 999 and 998,
 * supervisor 100), joined both ways over real HTTP, for the browser tests. Not thread-safe.
 */
final class ConsoleRig implements AutoCloseable {
  static final String API_TOKEN = "console-browser-test-token";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Every test user's password. */
  static final String PASSWORD = "mật-khẩu-thử-1";

  final Hub hub;
  final Pbx pbx;
  private final String hooks;
  private final HttpClient http = HttpClient.newHttpClient();

  private ConsoleRig(Hub hub, Pbx pbx, String hooks) {
    this.hub = hub;
    this.pbx = pbx;
    this.hooks = hooks;
  }

  static ConsoleRig start(Path folder) {
    return start(folder, false);
  }

  /**
   * A rig whose hub follows the emulator's stepped clock when {@code onEmulatorClock} (as the
   * demo's does): with {@link #step}, the hub then sees every webhook at the second the PBX made
   * it, so waits and talk times in its records and reports are the scripted ones.
   */
  static ConsoleRig start(Path folder, boolean onEmulatorClock) {
    FollowingClock clock = new FollowingClock(Clock.systemUTC());
    Hub hub =
        Hub.start(
            HubConfig.defaults()
                .withPort(0)
                .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
                .withApiToken(API_TOKEN),
            clock);
    String hooks = hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
    PbxConfig config =
        new PbxConfig(
            new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
            List.of(BuiltInCallCenter.tenant(Optional.of(hooks), Edition.V2)),
            new PbxConfig.ClockSettings(1, true),
            0,
            11,
            new PbxConfig.Delivery(Duration.ofHours(1), 0));
    Pbx pbx = Pbx.start(config, Clock.systemUTC());
    if (onEmulatorClock) {
      clock.follow(pbx.engine().clock());
    }
    hub.tenants()
        .setPbx(
            Tenant.DEFAULT_ID,
            new PbxSettings(
                pbx.baseUrl(),
                Optional.empty(),
                new PbxKey(BuiltInCallCenter.KEY),
                BuiltInCallCenter.DOMAIN));
    // One agent per extension a test rings (queue 999), the supervisor on 100 watching every
    // queue, an admin without an extension.
    for (String extension : List.of("101", "102", "103", "104", "105", "106", "107")) {
      hub.users()
          .add(
              new User(
                  "agent" + extension,
                  Tenant.DEFAULT_ID,
                  "Điện thoại viên " + extension,
                  Role.AGENT,
                  Optional.of(extension),
                  Optional.of(List.of("999")),
                  "vi"),
              PASSWORD);
    }
    hub.users()
        .add(
            new User(
                "supervisor",
                Tenant.DEFAULT_ID,
                "Lê Thị Giám Sát",
                Role.SUPERVISOR,
                Optional.of(BuiltInCallCenter.SUPERVISOR),
                Optional.empty(),
                "vi"),
            PASSWORD);
    hub.users()
        .add(
            new User(
                "admin",
                Tenant.DEFAULT_ID,
                "Quản trị",
                Role.ADMIN,
                Optional.empty(),
                Optional.empty(),
                "vi"),
            PASSWORD);
    return new ConsoleRig(hub, pbx, hooks);
  }

  /**
   * Runs the emulator's clock {@code seconds} forward one second at a time, each second's webhooks
   * delivered to the hub before the next.
   */
  void step(int seconds) {
    for (int second = 0; second <= seconds; second++) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .pollInterval(java.time.Duration.ofMillis(2))
          .until(() -> pbx.dispatcher().stats().pending() == 0);
      if (second < seconds) {
        sim("POST", "/sim/clock", "{\"advance\":1}");
      }
    }
  }

  String url(String path) {
    return hub.baseUrl() + path;
  }

  /** Sends a webhook to the hub as the PBX would, by GET with a query string; returns its reply. */
  HttpResponse<String> webhook(String path, Map<String, String> fields) {
    String query =
        fields.entrySet().stream()
            .map(
                field ->
                    field.getKey()
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send("GET", hooks + path + "?" + query, null, false);
  }

  /** A call through the hub's API with the API token. */
  JsonNode api(String method, String path, String body) {
    return json(send(method, hub.baseUrl() + path, body, true));
  }

  /** A request to the emulator's control API. */
  JsonNode sim(String method, String path, String body) {
    return json(send(method, pbx.baseUrl() + path, body, false));
  }

  HttpResponse<String> send(String method, String url, String body, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (withToken) {
      request.header("Authorization", "Bearer " + API_TOKEN);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException failure) {
      throw new IllegalStateException(method + " " + url + " failed", failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  private static JsonNode json(HttpResponse<String> reply) {
    try {
      return reply.body().isBlank()
          ? JSON.createObjectNode().put("status", reply.statusCode())
          : JSON.readTree(reply.body());
    } catch (IOException notJson) {
      return JSON.createObjectNode().put("status", reply.statusCode()).put("text", reply.body());
    }
  }

  @Override
  public void close() {
    pbx.close();
    hub.close();
  }
}
