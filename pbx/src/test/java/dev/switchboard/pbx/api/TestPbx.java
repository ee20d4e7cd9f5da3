package dev.switchboard.pbx.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.pbx.recordings.RecordingRoutes;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The built-in call center (v2) on a real engine, served by a real Javalin server on port 0 with
 * the PBX API, control API and recording routes; the webhooks the engine emits are collected as the
 * wire writes them (path and query string).
 */
public final class TestPbx implements AutoCloseable {
  public static final String KEY = BuiltInCallCenter.KEY;
  public static final String DOMAIN = BuiltInCallCenter.DOMAIN;
  public static final Instant START = Instant.parse("2024-03-01T06:15:40Z");
  public static final String RECORDING_BASE = "https://pbx.test";

  private static final ObjectMapper JSON = new ObjectMapper();

  public final SimClock clock;
  public final Engine engine;
  public final List<String> webhooks = new CopyOnWriteArrayList<>();
  private final Javalin server;
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestPbx(SimClock clock, boolean caseInsensitiveRoutes) {
    this(clock, caseInsensitiveRoutes, BuiltInCallCenter.tenant(Optional.empty(), Edition.V2));
  }

  private TestPbx(SimClock clock, boolean caseInsensitiveRoutes, TenantSetup tenant) {
    this.clock = clock;
    WebhookFormatter formatter = new WebhookFormatter(Edition.V2, tenant.zone());
    this.engine =
        new Engine(
            List.of(tenant),
            clock,
            (t, key, event) -> webhooks.add(formatter.format(event).pathAndQuery()),
            42,
            Optional.of(RECORDING_BASE),
            call -> {});
    this.server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.router.caseInsensitiveRoutes = caseInsensitiveRoutes;
                  ErrorReplies.install(config);
                  PbxApiRoutes.allowBrowsers(config);
                  new PbxApiRoutes(engine).register(config.routes);
                  new ControlRoutes(engine).register(config.routes);
                  new RecordingRoutes(engine).register(config.routes);
                })
            .start("127.0.0.1", 0);
    this.baseUrl = "http://127.0.0.1:" + server.port();
  }

  /** On a stepped clock standing at {@link #START}. */
  public static TestPbx start() {
    return new TestPbx(SimClock.stepped(START), false);
  }

  /** On a stepped clock, with Javalin matching paths in any case (as the emulator should). */
  public static TestPbx startCaseInsensitive() {
    return new TestPbx(SimClock.stepped(START), true);
  }

  /** On a stepped clock standing at {@link #START}, serving {@code tenant} (v2). */
  public static TestPbx start(TenantSetup tenant) {
    return new TestPbx(SimClock.stepped(START), false, tenant);
  }

  /** On {@code clock}. */
  public static TestPbx start(SimClock clock) {
    return new TestPbx(clock, false);
  }

  /** Advances the clock second by second, running what is due after each. */
  public void step(int seconds) {
    for (int i = 0; i < seconds; i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runDue();
    }
  }

  /** The webhooks about {@code callId}. */
  public List<String> webhooksOf(String callId) {
    return webhooks.stream().filter(w -> w.contains(callId)).toList();
  }

  /** A reply: status, content type and body. */
  public record Reply(int status, String contentType, byte[] bytes) {
    public String body() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException notJson) {
        throw new AssertionError("not JSON: " + body(), notJson);
      }
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  public Reply post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    server.stop();
  }
}
