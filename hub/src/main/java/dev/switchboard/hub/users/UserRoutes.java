package dev.switchboard.hub.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/users}: the console's users, for admins (and the API token) only. A password hash
 * never appears in a reply; a password the hub makes (a new user without one, a reset) is in that
 * one reply and nowhere else. A tenant keeps at least one admin: the last one cannot be removed or
 * given another role. Every change is audited. Thread-safe.
 */
public final class UserRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final UserStore users;
  private final Audit audit;

  /** Where the routes write what they changed: tenant, actor, action, target, detail. */
  @FunctionalInterface
  public interface Audit {
    /** Records one change. */
    void record(String tenantId, String actor, String action, String target, String detail);
  }

  /** Routes over {@code users}, auditing nothing (for tools without an audit log). */
  public UserRoutes(UserStore users) {
    this(users, (tenant, actor, action, target, detail) -> {});
  }

  /** Routes over {@code users}, writing every change to {@code audit}. */
  public UserRoutes(UserStore users, Audit audit) {
    this.users = users;
    this.audit = audit;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/users", this::list);
    routes.post("/v1/users", this::create);
    routes.put("/v1/users/{username}", this::update);
    routes.delete("/v1/users/{username}", this::remove);
    routes.post("/v1/users/{username}/password", this::resetPassword);
  }

  private static Caller admin(Context ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.ADMIN);
    return caller;
  }

  private void list(Context ctx) {
    Caller caller = admin(ctx);
    ObjectNode body = JSON.createObjectNode();
    var list = body.putArray("users");
    users.list().stream()
        .filter(user -> caller.isApiToken() || user.tenantId().equals(caller.user().tenantId()))
        .forEach(user -> list.add(toJson(user)));
    ctx.json(body);
  }

  private void create(Context ctx) {
    Caller caller = admin(ctx);
    JsonNode body = body(ctx);
    Optional<String> given = text(body, "password");
    String password = given.orElseGet(Passwords::generate);
    User user;
    try {
      user =
          new User(
              text(body, "username").orElseThrow(() -> bad("username: is required")),
              caller.tenant(text(body, "tenant")),
              text(body, "display_name").orElse(null),
              Role.of(text(body, "role").orElseThrow(() -> bad("role: is required"))),
              text(body, "extension"),
              queues(body),
              text(body, "language").orElse("vi"));
      if (given.isPresent()) {
        validatePassword(given.get());
      }
      users.add(user, password);
    } catch (UserStore.DuplicateUserException taken) {
      throw ApiException.conflict(taken.getMessage());
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
    audit.record(user.tenantId(), caller.actor(), "user.add", user.username(), describe(user));
    ObjectNode reply = toJson(user);
    if (given.isEmpty()) {
      // Made here, shown once: the admin passes it on; only its hash is kept.
      reply.put("password", password);
    }
    ctx.status(201).json(reply);
  }

  /**
   * {@code POST /v1/users/{username}/password}: sets the password given as {@code {"password"}}, or
   * a new one made here and answered once; the user's sessions end.
   */
  private void resetPassword(Context ctx) {
    Caller caller = admin(ctx);
    User user = existing(caller, ctx.pathParam("username"));
    JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
    Optional<String> given = text(body, "password");
    String password = given.orElseGet(Passwords::generate);
    try {
      validatePassword(password);
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
    users.setPassword(user.username(), password);
    audit.record(
        user.tenantId(),
        caller.actor(),
        "user.password",
        user.username(),
        given.isPresent() ? "set by an admin" : "reset to a generated password");
    ObjectNode reply = JSON.createObjectNode().put("username", user.username());
    if (given.isEmpty()) {
      reply.put("password", password);
    }
    ctx.json(reply);
  }

  private static void validatePassword(String password) {
    try {
      Passwords.validate(password);
    } catch (IllegalArgumentException invalid) {
      String message = invalid.getMessage();
      throw new IllegalArgumentException(
          message.startsWith("password") ? message : "password: " + message);
    }
  }

  private static String describe(User user) {
    return "role "
        + user.role().code()
        + ", extension "
        + user.extension().orElse("-")
        + ", queues "
        + user.queues().map(q -> String.join(",", q)).orElse("all");
  }

  /** Refuses a change that would leave {@code before}'s tenant without an admin. */
  private void keepAnAdmin(User before, String change) {
    if (before.role() != Role.ADMIN) {
      return;
    }
    long admins =
        users.list().stream()
            .filter(u -> u.tenantId().equals(before.tenantId()) && u.role() == Role.ADMIN)
            .count();
    if (admins <= 1) {
      throw ApiException.conflict(
          "'" + before.username() + "' is the tenant's last admin and cannot be " + change);
    }
  }

  private void update(Context ctx) {
    Caller caller = admin(ctx);
    User before = existing(caller, ctx.pathParam("username"));
    JsonNode body = body(ctx);
    User after;
    try {
      after =
          new User(
              before.username(),
              before.tenantId(),
              text(body, "display_name").orElse(before.displayName()),
              text(body, "role").map(Role::of).orElse(before.role()),
              body.has("extension") ? text(body, "extension") : before.extension(),
              body.has("queues") ? queues(body) : before.queues(),
              text(body, "language").orElse(before.language()));
      Optional<String> password = text(body, "password");
      if (password.isPresent()) {
        validatePassword(password.get());
      }
      if (after.role() != Role.ADMIN) {
        keepAnAdmin(before, "given another role");
      }
      users.update(after);
      password.ifPresent(p -> users.setPassword(after.username(), p));
      audit.record(
          after.tenantId(),
          caller.actor(),
          "user.update",
          after.username(),
          describe(before)
              + " -> "
              + describe(after)
              + (password.isPresent() ? "; password set" : ""));
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
    ctx.json(toJson(after));
  }

  private void remove(Context ctx) {
    Caller caller = admin(ctx);
    User user = existing(caller, ctx.pathParam("username"));
    if (user.username().equals(caller.user().username())) {
      throw ApiException.conflict("you may not remove yourself");
    }
    keepAnAdmin(user, "removed");
    users.remove(user.username());
    audit.record(user.tenantId(), caller.actor(), "user.remove", user.username(), describe(user));
    ctx.status(204);
  }

  private User existing(Caller caller, String username) {
    return users
        .find(username)
        .filter(user -> caller.isApiToken() || user.tenantId().equals(caller.user().tenantId()))
        .orElseThrow(() -> ApiException.notFound("no user '" + username + "'"));
  }

  /** A user as the API shows it: never a password or its hash. */
  static ObjectNode toJson(User user) {
    ObjectNode node = JSON.createObjectNode();
    node.put("username", user.username());
    node.put("display_name", user.displayName());
    node.put("role", user.role().code());
    node.put("extension", user.extension().orElse(null));
    if (user.queues().isPresent()) {
      user.queues().get().forEach(node.putArray("queues")::add);
    } else {
      node.putNull("queues");
    }
    node.put("language", user.language());
    node.put("tenant", user.tenantId());
    return node;
  }

  private static Optional<List<String>> queues(JsonNode body) {
    JsonNode value = body.get("queues");
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw bad("queues: must be a list of queue numbers, or null for all queues");
    }
    List<String> list = new ArrayList<>();
    value.forEach(item -> list.add(item.asText()));
    return Optional.of(list);
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw bad("body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException notJson) {
      throw bad("body is not JSON");
    }
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw bad(field + ": must be a string");
    }
    return Optional.of(value.asText());
  }

  private static ApiException bad(String message) {
    return ApiException.badRequest(message);
  }
}
