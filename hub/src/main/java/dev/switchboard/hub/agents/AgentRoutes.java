package dev.switchboard.hub.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /v1/agents}: every agent's live status and since when. */
public final class AgentRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AgentBoard board;

  /** Routes over the board. */
  public AgentRoutes(AgentBoard board) {
    this.board = board;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/agents", this::list);
  }

  private void list(Context ctx) {
    ObjectNode body = JSON.createObjectNode();
    var agents = body.putArray("agents");
    board.list(Params.text(ctx, "tenant")).forEach(status -> agents.add(status.toJson()));
    ctx.json(body);
  }
}
