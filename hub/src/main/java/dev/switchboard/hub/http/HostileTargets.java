package dev.switchboard.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.server.testing.ErrorShape;
import dev.switchboard.server.testing.Target;
import dev.switchboard.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's routes as the hostile-request kit attacks them ({@code HostileRequestsTest}, {@code
 * switchboard bench hostile}): the webhook paths with the tenant's token, a wrong one and bare; the
 * {@code /v1} routes with the API token and without; and the console's pages and the routes they
 * call, with a logged-in session's cookie and CSRF token. Stateless.
 */
public final class HostileTargets {
  /** A webhook path's refusal: the documents' {@code {"status code":N,"message":"..."}}. */
  public static final ErrorShape WEBHOOK_ERROR =
      ErrorShape.jsonWithText("{\"status code\":N,\"message\":\"...\"}", "message")
          .and(body -> body.path("status code").isIntegralNumber());

  /** A {@code /v1} or console refusal: {@code {"error":"..."}}. */
  public static final ErrorShape API_ERROR =
      ErrorShape.jsonWithText("{\"error\":\"...\"}", "error");

  private static final ObjectMapper JSON = JsonMappers.create();
  private static final String CALL = "5e012a75-121b-4c10-bdb4-c4b235b6a677";

  private HostileTargets() {}

  /** A console session: its cookie, its CSRF token, and the origin its requests come from. */
  public record ConsoleSession(String cookie, String csrfToken, String origin) {}

  /**
   * Logs {@code username} in at {@code baseUrl} ({@code POST /v1/session}), as the console does.
   *
   * @throws IOException when the hub refuses the log-in
   */
  public static ConsoleSession logIn(String baseUrl, String username, String password)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/v1/session"))
                  .header("Content-Type", "application/json")
                  .header("Origin", baseUrl)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.createObjectNode()
                              .put("username", username)
                              .put("password", password)
                              .toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        throw new IOException("log-in refused: HTTP " + reply.statusCode() + " " + reply.body());
      }
      String cookie =
          reply.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("sb_session="))
              .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
              .findFirst()
              .orElseThrow(() -> new IOException("the log-in set no session cookie"));
      JsonNode body = JSON.readTree(reply.body());
      return new ConsoleSession(cookie, body.path("csrf_token").asText(), baseUrl);
    }
  }

  /**
   * Adds {@code username}, an admin of the default tenant, to {@code users} and logs it in at
   * {@code baseUrl}.
   */
  public static ConsoleSession newAdmin(
      dev.switchboard.hub.users.UserStore users, String baseUrl, String username, String password)
      throws IOException, InterruptedException {
    users.add(
        new dev.switchboard.hub.users.User(
            username,
            dev.switchboard.hub.tenants.Tenant.DEFAULT_ID,
            null,
            dev.switchboard.hub.users.Role.ADMIN,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            "vi"),
        password);
    return logIn(baseUrl, username, password);
  }

  /**
   * Events, calls and contacts stored. Routing answers are left out: they are logged after the
   * reply, so one may land while the next request runs.
   */
  public static long stored(Database database) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select (select count(*) from events where type <> 'route')"
                            + " + (select count(*) from calls)"
                            + " + (select count(*) from contacts)")
                    .mapTo(Long.class)
                    .one());
  }

  /** Every target: webhooks, {@code /v1} and, with {@code session}, the console's. */
  public static List<Target> of(String webhookToken, String apiToken, ConsoleSession session) {
    List<Target> all = new ArrayList<>(webhooksAndApi(webhookToken, apiToken));
    all.addAll(console(session));
    return all;
  }

  /** Webhooks by GET, form and JSON with the token, a wrong one and bare; /v1 with and without. */
  public static List<Target> webhooksAndApi(String token, String apiToken) {
    String hooks = "/hooks/{" + token + "}";
    String bearer = "Bearer " + apiToken;
    return List.of(
        Target.get("call_in", hooks + "/api/callcenter/call_in", WEBHOOK_ERROR)
            .withQuery("phone", "0938363739")
            .withQuery("queue", "999")
            .withQuery("extension", "101")
            .withQuery("callid", CALL)
            .withQuery("event", "RINGING")
            .withQuery("did", "19002028")
            .withSecret(token),
        Target.get("calldata", hooks + "/api/callcenter/calldata", WEBHOOK_ERROR)
            .withQuery("callid", CALL)
            .withQuery("calldate", "2024-03-01%2013:15:40")
            .withQuery("duration", "50")
            .withQuery("billsec", "37")
            .withQuery("status", "ANSWER")
            .withQuery("did", "19002028")
            .withQuery("extension", "101")
            .withQuery("phone", "0938363739")
            .withQuery("direction", "Inbound")
            .withQuery("recordingfile", "https://pbx.test/play_audio/data/" + CALL)
            .withSecret(token),
        Target.post("init, form", hooks + "/api/callcenter/init", WEBHOOK_ERROR)
            .withForm("extension", "101")
            .withForm("phone", "0938363739")
            .withForm("callid", "hostile-init-1")
            .withForm("event", "ANSWER")
            .withSecret(token),
        Target.post("hangup, JSON", hooks + "/api/callcenter/hangup", WEBHOOK_ERROR)
            .withJsonText("callid", CALL)
            .withSecret(token),
        Target.post("ChangeStatus, JSON", hooks + "/api/Agent/ChangeStatus", WEBHOOK_ERROR)
            .withJsonText("extension", "101")
            .withJsonText("status", "on")
            .withSecret(token),
        Target.get("route question", hooks + "/api/callcenter/route", WEBHOOK_ERROR)
            .withQuery("phone", "0938363739")
            .withSecret(token),
        Target.get(
                "hangup, wrong token",
                "/hooks/{wrong-token-0123456789}/api/callcenter/hangup",
                WEBHOOK_ERROR)
            .withQuery("callid", CALL),
        Target.get("hangup, bare", "/api/callcenter/hangup", WEBHOOK_ERROR)
            .withQuery("callid", CALL),
        Target.get("calls", "/v1/calls", API_ERROR)
            .withQuery("from", "2024-03-01T00:00:00Z")
            .withQuery("to", "2024-03-02T00:00:00Z")
            .withQuery("limit", "10")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.get("one call", "/v1/calls/{" + CALL + "}", API_ERROR)
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.get("agent history", "/v1/agents/{101}/history", API_ERROR)
            .withQuery("from", "2024-03-01T00:00:00Z")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.get("contacts", "/v1/contacts", API_ERROR)
            .withQuery("phone", "0938363739")
            .withQuery("limit", "5")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.post("new contact", "/v1/contacts", API_ERROR)
            .withJsonText("name", "Nguyễn An")
            .withJson("phones", "[\"0938363739\"]")
            .withJsonText("company", "ABC")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.of("change contact", "PUT", "/v1/contacts/{1}", API_ERROR)
            .withJsonText("name", "Trần Bình")
            .withJson("phones", "[\"+84938363739\"]")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.post("click-to-call", "/v1/calls", API_ERROR)
            .withJsonText("extension", "101")
            .withJsonText("phone", "0938363739")
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.get("queues", "/v1/queues", API_ERROR)
            .withHeader("Authorization", bearer)
            .withSecret(apiToken),
        Target.get("calls, no token", "/v1/calls", API_ERROR).withQuery("limit", "10"),
        Target.post("new contact, no token", "/v1/contacts", API_ERROR).withJsonText("name", "X"),
        Target.get("stream, no token", "/v1/stream", API_ERROR).withQuery("last_event_id", "5"),
        Target.get("health", "/health", API_ERROR));
  }

  /**
   * The console: its pages and scripts, the log-in, and the routes its pages call with a session's
   * cookie (and, changing something, its CSRF token and origin).
   */
  public static List<Target> console(ConsoleSession session) {
    return List.of(
        Target.get("console page", "/console/{calls.html}", API_ERROR),
        Target.get("console script", "/console/js/{api.js}", API_ERROR),
        Target.post("log-in", "/v1/session", API_ERROR)
            .withJsonText("username", "hostile-nobody")
            .withJsonText("password", "not-the-password")
            .withHeader("Origin", session.origin()),
        withSession(Target.get("me", "/v1/me", API_ERROR), session),
        withSession(
            Target.of("language", "PUT", "/v1/me/language", API_ERROR)
                .withJsonText("language", "en"),
            session,
            true),
        withSession(Target.get("wallboard", "/v1/wallboard", API_ERROR), session),
        withSession(Target.get("agents", "/v1/agents", API_ERROR), session),
        withSession(
            Target.get("calls, session", "/v1/calls", API_ERROR)
                .withQuery("phone", "0938363739")
                .withQuery("limit", "20"),
            session),
        withSession(
            Target.get("callbacks", "/v1/callbacks", API_ERROR).withQuery("status", "open"),
            session),
        withSession(
            Target.get("reports", "/v1/reports", API_ERROR)
                .withQuery("from", "2024-03-01")
                .withQuery("to", "2024-03-31"),
            session),
        withSession(Target.get("screen-pops", "/v1/screen-pops", API_ERROR), session),
        withSession(
            Target.post("new contact, session", "/v1/contacts", API_ERROR)
                .withJsonText("name", "Lê Cúc")
                .withJson("phones", "[\"0912345678\"]"),
            session,
            true),
        withSession(
            Target.post("close callback", "/v1/callbacks/{cb-1}/close", API_ERROR)
                .withJsonText("reason", "done"),
            session,
            true));
  }

  private static Target withSession(Target target, ConsoleSession session) {
    return withSession(target, session, false);
  }

  private static Target withSession(Target target, ConsoleSession session, boolean changes) {
    Target withCookie =
        target.withHeader("Cookie", session.cookie()).withSecret(cookieValue(session));
    return changes
        ? withCookie
            .withHeader("X-CSRF-Token", session.csrfToken())
            .withHeader("Origin", session.origin())
        : withCookie;
  }

  private static String cookieValue(ConsoleSession session) {
    return session.cookie().substring(session.cookie().indexOf('=') + 1);
  }
}
