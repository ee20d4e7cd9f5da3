package dev.switchboard.pbx;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.pbx.config.BuiltInCallCenter;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.dispatch.WebhookDispatcher;
import dev.switchboard.protocol.Edition;
import dev.switchboard.server.testing.Category;
import dev.switchboard.server.testing.ErrorShape;
import dev.switchboard.server.testing.HostileSuite;
import dev.switchboard.server.testing.Target;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-request kit against the emulator (SQLite, stepped clock, webhooks to a CRM that takes
 * them all): in every category, no reply of 500 or more, the documented {@code
 * {"result":null,"message":"..."}} on every refusal, no call started and no webhook queued by a
 * refused request, no key in any reply, and {@code /health} still answering. {@code
 * -Dhostile.requests=N} and {@code -Dhostile.seed=S} size and seed the run (docs/development.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileRequestsTest {
  private static final String KEY = BuiltInCallCenter.KEY;
  private static final String DOMAIN = BuiltInCallCenter.DOMAIN;
  private static final String WRONG_KEY = "0123456789abcdef0123456789abcdef";
  private static final ErrorShape ERROR =
      ErrorShape.jsonWithText("{\"result\":null,\"message\":\"...\"}", "message")
          .and(body -> body.has("result") && body.get("result").isNull());

  private HttpServer crm;
  private Pbx pbx;
  private HostileSuite suite;

  @BeforeAll
  void start(@TempDir Path folder) throws IOException {
    crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    crm.createContext(
        "/",
        exchange -> {
          byte[] ok = "{\"status code\":200,\"message\":\"OK\"}".getBytes();
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    crm.start();
    String crmUrl = "http://127.0.0.1:" + crm.getAddress().getPort() + "/crm";
    pbx =
        Pbx.start(
            new PbxConfig(
                new PbxConfig.Http("127.0.0.1", 0, Optional.empty()),
                DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("pbx.db")),
                List.of(BuiltInCallCenter.tenant(Optional.of(crmUrl), Edition.V2)),
                new PbxConfig.ClockSettings(1, true),
                0,
                7,
                new PbxConfig.Delivery(Duration.ofHours(1), 0)),
            Clock.systemUTC());
    suite = new HostileSuite("emulator", pbx.port(), targets(), this::stored);
  }

  @AfterAll
  void stop() {
    if (suite != null) {
      System.out.print(suite.report());
    }
    if (pbx != null) {
      pbx.close();
    }
    if (crm != null) {
      crm.stop(0);
    }
  }

  /**
   * Calls started (running or over) and webhooks queued, delivered or given up on, once the
   * engine's steps due now have run: an accepted call may have a step due at once, which the
   * engine's loop would otherwise run while the next request is judged.
   */
  private long stored() {
    pbx.engine().runDue();
    WebhookDispatcher.Stats stats = pbx.dispatcher().stats();
    long calls =
        pbx.engine().activeCalls()
            + pbx.engine().finished(DOMAIN, Optional.empty(), LocalDate.MIN, LocalDate.MAX).size();
    return calls + stats.pending() + stats.delivered() + stats.dead();
  }

  /** The PBX API with the right and a wrong key, the control API and recordings. */
  static List<Target> targets() {
    String dial =
        "/api/CallControl/dial/from_number/{100}/to_number/{0938363739}/key/{"
            + KEY
            + "}/domain/{abc.com}";
    return List.of(
        Target.get("click-to-call", dial, ERROR).withSecret(KEY),
        Target.get("click-to-call, async", dial.replace("/dial/", "/dial_async/"), ERROR)
            .withSecret(KEY),
        Target.get("click-to-call, wrong key", dial.replace(KEY, WRONG_KEY), ERROR),
        Target.post("extension status", "/api/Agent/status/format/json", ERROR)
            .withJsonText("key", KEY)
            .withJson("list", "[{\"ext\":\"101\"},{\"ext\":\"102\"}]")
            .withSecret(KEY),
        Target.post("extension status, wrong key", "/api/Agent/status/format/json", ERROR)
            .withJsonText("key", WRONG_KEY)
            .withJson("list", "[{\"ext\":\"101\"}]"),
        Target.post("spy", "/api/Agent/spy/format/json", ERROR)
            .withJsonText("key", KEY)
            .withJsonText("src", "100")
            .withJsonText("dst", "101")
            .withJsonText("mode", "whisper")
            .withSecret(KEY),
        Target.post("queue members", "/api/Agent/all_members/format/json", ERROR)
            .withJsonText("key", KEY)
            .withSecret(KEY),
        Target.post("pause", "/api/Agent/update_status", ERROR)
            .withJsonText("key", KEY)
            .withJsonText("exten", "103")
            .withJsonText("status", "1")
            .withSecret(KEY),
        Target.post("call records", "/internal/Reports/cdr/format/json", ERROR)
            .withJsonText("key", KEY)
            .withJsonText("startdate", "2024-03-01")
            .withJsonText("enddate", "2024-03-01")
            .withSecret(KEY),
        Target.post("call records, wrong key", "/internal/Reports/cdr/format/json", ERROR)
            .withJsonText("key", WRONG_KEY)
            .withJsonText("callid", "abc"),
        Target.post("scripted inbound call", "/sim/calls", ERROR)
            .withJsonText("tenant", DOMAIN)
            .withJsonText("direction", "inbound")
            .withJsonText("did", "19002028")
            .withJsonText("phone", "0938363739")
            .withJsonText("outcome", "answered")
            .withJson("after", "5")
            .withJson("talk", "37"),
        Target.post("scripted outbound call", "/sim/calls", ERROR)
            .withJsonText("direction", "outbound")
            .withJsonText("phone", "0938363739")
            .withJsonText("extension", "110")
            .withJsonText("outcome", "cancelled")
            .withJson("after", "3"),
        Target.post("agent's phone", "/sim/agents/{104}", ERROR)
            .withJsonText("tenant", DOMAIN)
            .withJson("registered", "true")
            .withJson("paused", "false"),
        Target.get("clock", "/sim/clock", ERROR),
        Target.post("clock advance", "/sim/clock", ERROR).withJson("advance", "2"),
        Target.get(
            "recording", "/play_audio/data/{5e012a75-121b-4c10-bdb4-c4b235b6a677.wav}", ERROR),
        Target.get("dead letters", "/sim/dead-letters", ERROR),
        Target.get("status", "/", ERROR),
        Target.get("health", "/health", ERROR));
  }

  @Test
  void oversizeRequestsAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.OVERSIZE);
  }

  @Test
  void brokenPercentEncodingIsRefusedWithoutAServerError() {
    suite.assertSurvives(Category.BROKEN_PERCENT_ENCODING);
  }

  @Test
  void invalidUtf8IsRefusedWithoutAServerError() {
    suite.assertSurvives(Category.INVALID_UTF8);
  }

  @Test
  void controlBytesAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.CONTROL_BYTES);
  }

  @Test
  void wrongKeysAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.WRONG_CREDENTIALS);
  }

  @Test
  void injectedTextIsRefusedOrTakenAsTextWithoutAServerError() {
    suite.assertSurvives(Category.INJECTION);
  }

  @Test
  void hugeNumbersAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.HUGE_NUMBERS);
  }

  @Test
  void badDatesAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.DATES);
  }

  @Test
  void duplicatedParametersAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.DUPLICATED_PARAMETERS);
  }

  @Test
  void otherMethodsAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.METHODS);
  }

  @Test
  void wrongContentTypesAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.CONTENT_TYPES);
  }

  @Test
  void brokenFramingIsRefusedWithoutAServerError() {
    suite.assertSurvives(Category.FRAMING);
  }

  @Test
  void hugeHeadersAreRefusedWithoutAServerError() {
    suite.assertSurvives(Category.HUGE_HEADERS);
  }

  @Test
  void slowClientsAreServedOrDroppedWithoutAServerError() {
    suite.assertSurvives(Category.SLOW_CLIENTS);
  }
}
