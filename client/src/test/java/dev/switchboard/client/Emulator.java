package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.pbx.Pbx;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The real PBX emulator ({@link Pbx}) with the built-in call center (domain abc.com, agents
 * 101-112, number 19002028), no CRM, no generated traffic, on a stepped clock standing at {@link
 * #START} (13:15:40 on {@link #TODAY} in the tenant's Asia/Ho_Chi_Minh), its outbox in a SQLite
 * file of {@code folder}. The control API starts calls and steps the clock.
 */
final class Emulator implements AutoCloseable {
  static final PbxKey KEY = new PbxKey(BuiltInCallCenter.KEY);
  static final String DOMAIN = BuiltInCallCenter.DOMAIN;
  static final Instant START = Instant.parse("2024-03-01T06:15:40Z");
  static final LocalDate TODAY = LocalDate.of(2024, 3, 1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pbx pbx;
  private final HttpClient http = HttpClient.newHttpClient();

  private Emulator(Pbx pbx) {
    this.pbx = pbx;
  }

  static Emulator start(Path folder) {
    PbxConfig config =
        new PbxConfig(
            new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
            DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
            List.of(BuiltInCallCenter.tenant(Optional.empty(), Edition.V2)),
            new PbxConfig.ClockSettings(1, true),
            0,
            1,
            new PbxConfig.Delivery(Duration.ofHours(1), 0));
    return new Emulator(Pbx.start(config, Clock.fixed(START, ZoneOffset.UTC)));
  }

  /** {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + pbx.port();
  }

  /** A client of the built-in company. */
  PbxClient client() {
    return PbxClient.builder(baseUrl(), KEY, DOMAIN).build();
  }

  /** {@code POST /sim/calls}; returns the call's id. */
  String startCall(String json) {
    JsonNode reply = post("/sim/calls", json, 201);
    return reply.get("callid").asText();
  }

  /** {@code POST /sim/clock}: moves the stepped clock forward, running every due step. */
  void advance(int seconds) {
    post("/sim/clock", "{\"advance\":" + seconds + "}", 200);
  }

  /** {@code POST /sim/agents/{ext}}: changes an agent's phone. */
  void agent(String extension, String json) {
    post("/sim/agents/" + extension, json, 200);
  }

  private JsonNode post(String path, String json, int expected) {
    try {
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != expected) {
        throw new AssertionError(path + " answered " + reply.statusCode() + ": " + reply.body());
      }
      return JSON.readTree(reply.body());
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  @Override
  public void close() {
    pbx.close();
  }
}
