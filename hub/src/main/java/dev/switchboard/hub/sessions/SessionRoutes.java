package dev.switchboard.hub.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.User;
import dev.switchboard.hub.users.UserStore;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/session} (log in), {@code DELETE /v1/session} (log out), {@code GET /v1/me} and
 * {@code PUT /v1/me/language}. A wrong password and an unknown user get the same reply after the
 * same work. Thread-safe.
 */
public final class SessionRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final String LOGIN_FAILED = "Wrong user name or password.";

  private final UserStore users;
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final TenantStore tenants;
  private final Authentication authentication;
  private final java.time.Clock clock;

  /** The routes over these stores. */
  public SessionRoutes(
      UserStore users,
      SessionStore sessions,
      LoginThrottle throttle,
      TenantStore tenants,
      Authentication authentication,
      java.time.Clock clock) {
    this.clock = clock;
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.tenants = tenants;
    this.authentication = authentication;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/v1/session", this::logIn);
    routes.delete("/v1/session", this::logOut);
    routes.get("/v1/me", ctx -> ctx.json(me(Caller.of(ctx))));
    routes.put("/v1/me/language", this::setLanguage);
  }

  private void logIn(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    String username = Bodies.text(body, "username").strip().toLowerCase(java.util.Locale.ROOT);
    String password = Bodies.text(body, "password");
    String address = ctx.ip();
    Optional<Duration> locked = throttle.lockedFor(username, address);
    if (locked.isPresent()) {
      throw lockedOut(locked.get());
    }
    Optional<User> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      throttle.failed(username, address);
      throw ApiException.coded(401, "login_failed", LOGIN_FAILED, Map.of());
    }
    throttle.succeeded(username);
    SessionStore.Opened opened = sessions.open(user.get().username());
    ctx.header("Set-Cookie", cookie(ctx, opened.id(), false));
    Caller caller = new Caller(user.get(), Optional.of(opened.session().csrfToken()));
    ObjectNode reply = JSON.createObjectNode();
    reply.set("user", me(caller));
    reply.put("csrf_token", opened.session().csrfToken());
    ctx.json(reply);
  }

  private void logOut(Context ctx) {
    Authentication.sessionId(ctx).ifPresent(sessions::end);
    ctx.header("Set-Cookie", cookie(ctx, "", true));
    ctx.status(204);
  }

  private void setLanguage(Context ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.isApiToken()) {
      throw ApiException.badRequest("the API token has no user whose language to remember");
    }
    String language = Bodies.text(Bodies.object(ctx), "language");
    if (!User.LANGUAGES.contains(language)) {
      throw ApiException.badRequest("language: '" + language + "' is not vi or en");
    }
    User changed = caller.user().withLanguage(language);
    users.update(changed);
    ctx.json(me(new Caller(changed, caller.csrfToken())));
  }

  /** The {@code Me} object of the contract. */
  ObjectNode me(Caller caller) {
    User user = caller.user();
    ObjectNode me = JSON.createObjectNode();
    me.put("username", user.username());
    me.put("display_name", user.displayName());
    me.put("role", user.role().code());
    me.put("extension", user.extension().orElse(null));
    if (user.queues().isPresent()) {
      user.queues().get().forEach(me.putArray("queues")::add);
    } else {
      me.putNull("queues");
    }
    me.put("language", user.language());
    ObjectNode tenant = me.putObject("tenant");
    tenant.put("id", user.tenantId());
    tenant.put(
        "time_zone",
        tenants
            .find(user.tenantId())
            .map(Tenant::zone)
            .map(java.time.ZoneId::getId)
            .orElse("Asia/Ho_Chi_Minh"));
    me.put("csrf_token", caller.csrfToken().orElse(null));
    // The hub's clock, which the pages' timers count from (it can differ from the browser's).
    me.put("now", clock.instant().toString());
    return me;
  }

  private String cookie(Context ctx, String value, boolean clear) {
    return Authentication.COOKIE
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Lax"
        + (clear ? "; Max-Age=0" : "")
        + (authentication.overHttps(ctx) ? "; Secure" : "");
  }

  private static ApiException lockedOut(Duration remaining) {
    long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
    return ApiException.coded(
        429,
        "login_locked",
        "Too many failed logins; try again in " + seconds + " seconds.",
        Map.of("retry_after_seconds", seconds));
  }
}
