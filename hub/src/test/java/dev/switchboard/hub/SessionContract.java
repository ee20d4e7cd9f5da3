package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions over real HTTP and a real database: log-in, {@code /v1/me}, CSRF and Origin,
 * expiry on an injected clock, throttling. Run against SQLite always and PostgreSQL when {@code
 * SWITCHBOARD_TEST_PG_URL} is set.
 */
abstract class SessionContract {
  static final String PASSWORD = "correct horse battery";

  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;
  DatabaseSettings database;

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    database = newDatabase();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
    hub.hub
        .users()
        .add(
            new User(
                "an",
                "default",
                "Nguyễn Văn An",
                Role.AGENT,
                Optional.of("101"),
                Optional.of(List.of("998")),
                "vi"),
            PASSWORD);
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  ConsoleClient browser() {
    return new ConsoleClient(hub.hub.baseUrl());
  }

  @Test
  void logInGivesAnHttpOnlyLaxCookieAndMeDescribesTheUser() {
    ConsoleClient browser = browser();
    ConsoleClient.Reply login = browser.logIn("an", PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    String cookie = login.header("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("sb_session=")
        .contains("Path=/")
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .doesNotContain("Secure");
    assertThat(login.json().path("user").path("display_name").asText()).isEqualTo("Nguyễn Văn An");
    assertThat(login.body()).doesNotContain("argon2").doesNotContain(PASSWORD);

    var me = browser.get("/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("an");
    assertThat(me.json().path("role").asText()).isEqualTo("agent");
    assertThat(me.json().path("extension").asText()).isEqualTo("101");
    assertThat(me.json().path("queues").get(0).asText()).isEqualTo("998");
    assertThat(me.json().path("language").asText()).isEqualTo("vi");
    assertThat(me.json().path("tenant").path("time_zone").asText()).isEqualTo("Asia/Ho_Chi_Minh");
    assertThat(me.json().path("csrf_token").asText()).isEqualTo(browser.csrf);
  }

  @Test
  void meGivesTheHubsClockForThePagesTimers() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    clock.advance(Duration.ofMinutes(7));
    assertThat(browser.get("/v1/me").json().path("now").asText())
        .isEqualTo(clock.instant().toString());
  }

  @Test
  void theSessionIdIsStoredOnlyHashed() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    List<String> stored =
        hub.hub
            .database()
            .jdbi()
            .withHandle(
                h -> h.createQuery("select id_hash from sessions").mapTo(String.class).list());
    assertThat(stored).hasSize(1).doesNotContain(browser.cookie);
  }

  @Test
  void theApiTokenIsTheAdminApi() {
    var me = hub.api("/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("api");
    assertThat(me.json().path("role").asText()).isEqualTo("admin");
    assertThat(me.json().path("queues").isNull()).isTrue();
  }

  @Test
  void noSessionIsA401() {
    var me = browser().get("/v1/me");
    assertThat(me.status()).isEqualTo(401);
    ConsoleClient forged = browser();
    forged.cookie = "not-a-session";
    assertThat(forged.get("/v1/me").status()).isEqualTo(401);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameReply() {
    var wrongPassword = browser().logIn("an", "not the password");
    var unknownUser = browser().logIn("nobody", "not the password");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.body())
        .isEqualTo(unknownUser.body())
        .isEqualTo("{\"error\":\"login_failed\",\"message\":\"Wrong user name or password.\"}");
    assertThat(wrongPassword.header("Set-Cookie")).isEmpty();
  }

  @Test
  void fiveFailuresLockTheNameOutWithBackoffAndTheRightPasswordWaitsToo() {
    for (int i = 0; i < 5; i++) {
      assertThat(browser().logIn("an", "wrong password " + i).status()).isEqualTo(401);
    }
    var locked = browser().logIn("an", PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().path("error").asText()).isEqualTo("login_locked");
    assertThat(locked.json().path("retry_after_seconds").asInt()).isEqualTo(30);
    assertThat(locked.json().path("message").asText())
        .isEqualTo("Too many failed logins; try again in 30 seconds.");
    assertThat(locked.header("Retry-After")).contains("30");

    clock.advance(Duration.ofSeconds(31));
    assertThat(browser().logIn("an", "wrong again").status()).isEqualTo(401);
    var longer = browser().logIn("an", PASSWORD);
    assertThat(longer.status()).isEqualTo(429);
    assertThat(longer.json().path("retry_after_seconds").asInt()).isEqualTo(60);

    clock.advance(Duration.ofSeconds(61));
    assertThat(browser().logIn("an", PASSWORD).status()).isEqualTo(200);
    assertThat(browser().logIn("an", "wrong after success").status())
        .as("a success resets the count")
        .isEqualTo(401);
  }

  @Test
  void aLockOutIsKeptInTheDatabaseSoARestartedHubOrAnotherNodeKeepsIt() {
    for (int i = 0; i < 5; i++) {
      assertThat(browser().logIn("an", "wrong password " + i).status()).isEqualTo(401);
    }
    hub.close();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
    var locked = browser().logIn("an", PASSWORD);
    assertThat(locked.status()).as("after a restart, or on another node").isEqualTo(429);
    assertThat(locked.json().path("retry_after_seconds").asInt()).isEqualTo(30);
    clock.advance(Duration.ofSeconds(31));
    assertThat(browser().logIn("an", PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    var missing = browser.send("PUT", "/v1/me/language", "{\"language\":\"en\"}", Map.of());
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.json().path("error").asText()).isEqualTo("csrf");
    var wrong =
        browser.send(
            "PUT", "/v1/me/language", "{\"language\":\"en\"}", Map.of("X-CSRF-Token", "nope"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(browser.get("/v1/me").json().path("language").asText()).isEqualTo("vi");

    var foreign =
        browser.send(
            "PUT",
            "/v1/me/language",
            "{\"language\":\"en\"}",
            Map.of("X-CSRF-Token", browser.csrf, "Origin", "https://evil.example"));
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.json().path("error").asText()).isEqualTo("csrf");

    var ok = browser.change("PUT", "/v1/me/language", "{\"language\":\"en\"}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("language").asText()).isEqualTo("en");
  }

  @Test
  void logInFromAnotherSiteIsRefused() {
    var reply =
        browser()
            .send(
                "POST",
                "/v1/session",
                "{\"username\":\"an\",\"password\":\"" + PASSWORD + "\"}",
                Map.of("Origin", "https://evil.example"));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().path("error").asText()).isEqualTo("csrf");
  }

  @Test
  void theLanguageIsRememberedAcrossSessions() {
    ConsoleClient first = browser();
    first.logIn("an", PASSWORD);
    first.change("PUT", "/v1/me/language", "{\"language\":\"en\"}");
    ConsoleClient second = browser();
    assertThat(second.logIn("an", PASSWORD).json().path("user").path("language").asText())
        .isEqualTo("en");
    var bad = first.change("PUT", "/v1/me/language", "{\"language\":\"fr\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("language");
  }

  @Test
  void aSessionEndsWhenIdleForThirtyMinutesAndAfterTwelveHoursAnyway() {
    ConsoleClient idle = browser();
    idle.logIn("an", PASSWORD);
    clock.advance(Duration.ofMinutes(29));
    assertThat(idle.get("/v1/me").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(29));
    assertThat(idle.get("/v1/me").status()).as("used within the idle time").isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    assertThat(idle.get("/v1/me").status()).as("idle too long").isEqualTo(401);

    ConsoleClient busy = browser();
    busy.logIn("an", PASSWORD);
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(29));
      assertThat(busy.get("/v1/me").status()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(29));
    assertThat(busy.get("/v1/me").status()).as("past 12 h in all").isEqualTo(401);
  }

  @Test
  void logOutEndsTheSessionServerSideAndClearsTheCookie() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    var out = browser.change("DELETE", "/v1/session", null);
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(browser.get("/v1/me").status()).isEqualTo(401);
  }

  @Test
  void logOutEndsTheSessionsOpenStreamAndAnOpenStreamKeepsTheSessionAlive() throws Exception {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    try (SseReader stream =
        new SseReader(
            hub.client(),
            hub.hub.baseUrl() + "/v1/stream",
            Map.of("Cookie", "sb_session=" + browser.cookie),
            null)) {
      assertThat(stream.status()).isEqualTo(200);
      // The test hub's heartbeat is 300 ms: the stream asks after its session at that pace.
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofMinutes(20));
        long now = clock.millis();
        // An open stream is the session's use: it notes it, 20 minutes at a time.
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeenAt() == now);
      }
      assertThat(stream.endsWithin(Duration.ofMillis(500))).isFalse();
      assertThat(browser.get("/v1/me").status()).isEqualTo(200);
      assertThat(browser.change("DELETE", "/v1/session", null).status()).isEqualTo(204);
      assertThat(stream.endsWithin(Duration.ofSeconds(20))).as("closed after log-out").isTrue();
    }
  }

  private long lastSeenAt() {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h -> h.createQuery("select last_seen_at from sessions").mapTo(Long.class).one());
  }

  @Test
  void aSessionSurvivesARestart() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    hub.close();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
    ConsoleClient same = new ConsoleClient(hub.hub.baseUrl());
    same.cookie = browser.cookie;
    assertThat(same.get("/v1/me").status()).isEqualTo(200);
  }

  @Test
  void theCookieIsSecureBehindHttps() {
    var proxied =
        browser()
            .send(
                "POST",
                "/v1/session",
                "{\"username\":\"an\",\"password\":\"" + PASSWORD + "\"}",
                Map.of("X-Forwarded-Proto", "https"));
    assertThat(proxied.header("Set-Cookie").orElseThrow()).contains("; Secure");

    hub.close();
    hub =
        TestHub.start(
            database,
            clock,
            config ->
                new HubConfig(
                    new HubConfig.Http(
                        config.http().host(),
                        0,
                        config.http().maxRequestBytes(),
                        Optional.of("https://crm.example.com")),
                    config.database(),
                    config.intake(),
                    config.calls(),
                    config.stream(),
                    config.reconcile(),
                    config.console(),
                    config.apiToken()));
    var direct = new ConsoleClient("http://localhost:" + hub.hub.port()).logIn("an", PASSWORD);
    assertThat(direct.header("Set-Cookie").orElseThrow()).contains("; Secure");
  }

  @Test
  void aChangedPasswordEndsTheUsersSessions() {
    ConsoleClient browser = browser();
    browser.logIn("an", PASSWORD);
    hub.hub.users().setPassword("an", "another long password");
    assertThat(browser.get("/v1/me").status()).isEqualTo(401);
    assertThat(browser().logIn("an", "another long password").status()).isEqualTo(200);
  }
}
