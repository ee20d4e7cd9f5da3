package dev.switchboard.hub.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.Params;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /v1/agents}: every agent's live status and since when; {@code GET
 * /v1/agents/{ext}/history}: an extension's status changes, for occupancy reports.
 */
public final class AgentRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final AgentBoard board;
  private final java.util.function.Predicate<String> tenantExists;
  private final java.time.Clock clock;
  private final java.util.function.Function<io.javalin.http.Context, AgentScope> scopeOf;

  /** Routes over the board, showing each caller the agents of their scope. */
  public AgentRoutes(
      AgentBoard board,
      java.util.function.Predicate<String> tenantExists,
      java.time.Clock clock,
      java.util.function.Function<io.javalin.http.Context, AgentScope> scopeOf) {
    this.board = board;
    this.tenantExists = tenantExists;
    this.clock = clock;
    this.scopeOf = scopeOf;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/agents", this::list);
    routes.get("/v1/agents/{ext}/history", this::history);
  }

  /**
   * An extension's status changes since {@code from} (default: the last 24 hours), for occupancy.
   */
  private void history(Context ctx) {
    AgentScope scope = scopeOf.apply(ctx);
    String tenant = Params.text(ctx, "tenant").or(scope::tenant).orElse("default");
    if (!tenantExists.test(tenant)) {
      throw dev.switchboard.hub.http.ApiException.notFound("no tenant '" + tenant + "'");
    }
    if (!scope.admits(tenant, ctx.pathParam("ext"))) {
      throw dev.switchboard.hub.http.ApiException.forbidden(
          "agent " + ctx.pathParam("ext") + " is outside what you may see");
    }
    java.time.Instant from =
        Params.instant(ctx, "from").orElse(clock.instant().minus(java.time.Duration.ofDays(1)));
    ObjectNode body = JSON.createObjectNode();
    body.put("tenant", tenant);
    body.put("extension", ctx.pathParam("ext"));
    var entries = body.putArray("history");
    for (AgentBoard.HistoryEntry entry : board.history(tenant, ctx.pathParam("ext"), from)) {
      entries.addObject().put("status", entry.status()).put("since", entry.startedAt().toString());
    }
    ctx.json(body);
  }

  private void list(Context ctx) {
    ObjectNode body = JSON.createObjectNode();
    var agents = body.putArray("agents");
    AgentScope scope = scopeOf.apply(ctx);
    board.list(Params.text(ctx, "tenant").or(scope::tenant)).stream()
        .filter(status -> scope.admits(status.tenantId(), status.extension()))
        .forEach(status -> agents.add(status.toJson()));
    ctx.json(body);
  }
}
