package dev.switchboard.hub.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/users}: the console's users, for admins (and the API token) only. A password hash
 * never appears in a reply. Thread-safe.
 */
public final class UserRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final UserStore users;

  /** Routes over {@code users}. */
  public UserRoutes(UserStore users) {
    this.users = users;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/users", this::list);
    routes.post("/v1/users", this::create);
    routes.put("/v1/users/{username}", this::update);
    routes.delete("/v1/users/{username}", this::remove);
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
    String password = text(body, "password").orElseThrow(() -> bad("password: is required"));
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
      users.add(user, password);
    } catch (UserStore.DuplicateUserException taken) {
      throw ApiException.conflict(taken.getMessage());
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
    ctx.status(201).json(toJson(user));
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
        Passwords.validate(password.get());
      }
      users.update(after);
      password.ifPresent(p -> users.setPassword(after.username(), p));
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
    users.remove(user.username());
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
