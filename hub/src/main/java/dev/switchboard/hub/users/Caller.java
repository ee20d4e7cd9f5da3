package dev.switchboard.hub.users;

import dev.switchboard.hub.http.ApiException;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who is making a request, computed once per request by the {@code /v1/*} authentication and read
 * by every route through {@link #of(Context)}: a console user (by session cookie) or the API token
 * (user {@code api}, role admin, every tenant).
 *
 * @param user the user, or the API token's pseudo-user
 * @param csrfToken the session's CSRF token; empty for the API token
 */
public record Caller(User user, Optional<String> csrfToken) {
  private static final String ATTRIBUTE = "switchboard.caller";

  /** The API token's caller: {@code api}, admin, every tenant, no session. */
  public static final Caller API =
      new Caller(
          new User("api", "default", "API", Role.ADMIN, Optional.empty(), Optional.empty(), "en"),
          Optional.empty());

  /** The caller of this request; set by the authentication before any {@code /v1} route. */
  public static Caller of(Context ctx) {
    Caller caller = ctx.attribute(ATTRIBUTE);
    if (caller == null) {
      throw ApiException.unauthorized("not logged in");
    }
    return caller;
  }

  /** Marks {@code ctx} as made by this caller. */
  public void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  /** The name the audit log records: the user name, or {@code api}. */
  public String actor() {
    return user.username();
  }

  /** Whether this is the API token (every tenant, every route). */
  public boolean isApiToken() {
    return csrfToken.isEmpty();
  }

  /** The caller's role. */
  public Role role() {
    return user.role();
  }

  /** Whether the caller is an admin (or the API token). */
  public boolean isAdmin() {
    return user.role() == Role.ADMIN;
  }

  /** Whether the caller sees every queue's calls and agents (admin, supervisor of all queues). */
  public boolean seesEverything() {
    return isAdmin() || (user.role() == Role.SUPERVISOR && user.allQueues());
  }

  /** The caller's own extension, if any. */
  public Optional<String> extension() {
    return user.extension();
  }

  /** The caller's queues; empty for all. */
  public Optional<List<String>> queues() {
    return user.queues();
  }

  /** Whether {@code queue} is one of the caller's (always, for all queues). */
  public boolean watchesQueue(String queue) {
    return user.queues().map(list -> list.contains(queue)).orElse(true);
  }

  /** Whether any of {@code queues} is one of the caller's. */
  public boolean watchesAnyQueue(Collection<String> queues) {
    return queues.stream().anyMatch(this::watchesQueue);
  }

  /** Refuses with 403 unless the caller has one of {@code roles}. */
  public void require(Role... roles) {
    for (Role role : roles) {
      if (user.role() == role) {
        return;
      }
    }
    throw ApiException.forbidden("your role (" + user.role().code() + ") may not do this");
  }

  /** Refuses with 403 unless the caller may act in {@code tenantId}. */
  public void requireTenant(String tenantId) {
    if (!isApiToken() && !user.tenantId().equals(tenantId)) {
      throw ApiException.forbidden("you may not see tenant '" + tenantId + "'");
    }
  }

  /** The tenant a request works in: the one asked for (API token), else the caller's own. */
  public String tenant(Optional<String> asked) {
    asked.ifPresent(this::requireTenant);
    return asked.orElse(user.tenantId());
  }
}
