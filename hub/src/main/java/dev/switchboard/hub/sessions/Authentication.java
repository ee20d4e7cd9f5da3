package dev.switchboard.hub.sessions;

import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.tenants.ApiTokens;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.User;
import dev.switchboard.hub.users.UserStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one authentication of {@code /v1/*}, run before every route: the API token ({@code
 * Authorization: Bearer}, no CSRF needed) or the console's session cookie, whose state-changing
 * requests must carry the session's {@code X-CSRF-Token} and an {@code Origin} (or {@code Referer})
 * of this hub when they send one. The result is the request's {@link Caller}. Log-in ({@code POST
 * /v1/session}) needs neither but checks the Origin. Thread-safe.
 */
public final class Authentication {
  /** The session cookie's name. */
  public static final String COOKIE = "sb_session";

  private static final Set<HandlerType> STATE_CHANGING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final ApiTokens apiTokens;
  private final SessionStore sessions;
  private final UserStore users;
  private final Optional<String> publicUrl;

  /** Checks tokens against {@code apiTokens} and cookies against {@code sessions}. */
  public Authentication(
      ApiTokens apiTokens, SessionStore sessions, UserStore users, Optional<String> publicUrl) {
    this.apiTokens = apiTokens;
    this.sessions = sessions;
    this.users = users;
    this.publicUrl = publicUrl;
  }

  /** The before-handler: attaches the {@link Caller} or refuses with 401 or 403. */
  public void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      String token =
          header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
      if (!apiTokens.verify(token)) {
        throw ApiException.unauthorized(
            "missing or wrong API token (send Authorization: Bearer <token>)");
      }
      Caller.API.attachTo(ctx);
      return;
    }
    boolean logIn = ctx.method() == HandlerType.POST && ctx.path().equals("/v1/session");
    if (logIn) {
      checkOrigin(ctx);
      return;
    }
    Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
    Optional<User> user = session.flatMap(s -> users.find(s.username()));
    if (user.isEmpty()) {
      if (ctx.method() == HandlerType.DELETE && ctx.path().equals("/v1/session")) {
        return; // logging out of a session already gone: the route clears the cookie
      }
      throw ApiException.unauthorized(
          "not logged in: send the API token (Authorization: Bearer <token>) or log in (POST"
              + " /v1/session)");
    }
    if (STATE_CHANGING.contains(ctx.method())) {
      checkOrigin(ctx);
      String sent = ctx.header("X-CSRF-Token");
      if (sent == null || !SessionTokens.equal(sent, session.get().csrfToken())) {
        throw csrf("missing or wrong X-CSRF-Token header (GET /v1/me gives the token)");
      }
    }
    new Caller(user.get(), Optional.of(session.get().csrfToken())).attachTo(ctx);
  }

  /**
   * Whether the caller of a request authenticated earlier may still read: always for the API token;
   * for a session, while it is neither logged out nor expired and its user still exists (asking
   * notes the session's use). Long-lived requests (the stream) ask from time to time.
   */
  public boolean stillValid(Context ctx) {
    if (Caller.of(ctx).isApiToken()) {
      return true;
    }
    return sessions
        .find(ctx.cookie(COOKIE))
        .flatMap(session -> users.find(session.username()))
        .isPresent();
  }

  /** The session id of the request's cookie, if any. */
  public static Optional<String> sessionId(Context ctx) {
    return Optional.ofNullable(ctx.cookie(COOKIE)).filter(v -> !v.isEmpty());
  }

  /** Whether the request reached the hub over HTTPS, directly or through a proxy. */
  public boolean overHttps(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
        || publicUrl.map(url -> url.startsWith("https://")).orElse(false);
  }

  /**
   * Refuses a request whose {@code Origin} (or, without one, {@code Referer}) names another site
   * than this hub: the host it was addressed to ({@code Host}) or {@code http.public_url}.
   */
  private void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    String source = origin != null ? origin : ctx.header("Referer");
    if (source == null) {
      return;
    }
    Optional<String> authority = authority(source);
    String host = ctx.header("Host");
    boolean ours =
        authority.isPresent()
            && (authority.get().equalsIgnoreCase(host)
                || publicUrl.flatMap(Authentication::authority).equals(authority));
    if (!ours) {
      throw csrf(
          (origin != null ? "Origin" : "Referer") + " is not this hub; the request is refused");
    }
  }

  private static Optional<String> authority(String url) {
    try {
      URI uri = new URI(url.strip());
      if (uri.getHost() == null || uri.getScheme() == null) {
        return Optional.empty();
      }
      boolean defaultPort =
          uri.getPort() == -1
              || (uri.getScheme().equals("http") && uri.getPort() == 80)
              || (uri.getScheme().equals("https") && uri.getPort() == 443);
      return Optional.of(defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
    } catch (java.net.URISyntaxException notAUrl) {
      return Optional.empty();
    }
  }

  private static ApiException csrf(String message) {
    return ApiException.coded(403, "csrf", message, Map.of());
  }
}
