package dev.switchboard.pbx.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.pbx.routing.StickyRouting;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.AgentState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The control API for tests, scripts and the conformance kit (docs/pbx-control-api.md): {@code POST
 * /sim/calls} starts a scripted call, {@code POST /sim/agents/{ext}} registers, unregisters, pauses
 * or unpauses a phone, {@code GET} and {@code POST /sim/clock} read and (in step mode) advance the
 * simulated clock. Failures are {@code {"result":null,"message":"..."}} as in the PBX API: 400 for
 * a bad body or a request the engine refuses, 404 for an unknown tenant or extension, 409 for
 * stepping a running clock. An inbound call to a queue of a tenant with sticky routing asks the CRM
 * first, in the request's thread (bounded by the tenant's timeout), before it enters the engine.
 * Thread-safe: the engine is.
 */
public final class ControlRoutes {
  /** Longest single advance of the clock. */
  static final Duration LONGEST_ADVANCE = Duration.ofDays(31);

  private static final ObjectMapper JSON = JsonMappers.create();

  private final Engine engine;
  private final StickyRouting routing;

  /** Routes over {@code engine}, asking CRMs where to route through {@code routing}. */
  public ControlRoutes(Engine engine, StickyRouting routing) {
    this.engine = engine;
    this.routing = routing;
  }

  /** Routes over {@code engine}, with a routing client of their own. */
  public ControlRoutes(Engine engine) {
    this(engine, new StickyRouting());
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/sim/calls", this::startCall);
    routes.post("/sim/agents/{extension}", this::changeAgent);
    routes.get("/sim/clock", this::readClock);
    routes.post("/sim/clock", this::advanceClock);
  }

  private void startCall(Context ctx) {
    SimulatedCall call = SimulatedCall.parse(ControlBody.parse(ctx.body()));
    TenantSetup tenant = tenant(call.tenant());
    call.extension().ifPresent(extension -> requireExtension(tenant, extension));
    Optional<String> sticky =
        StickyRouting.isOn(tenant) && call.asksWhereToRoute(engine, tenant.domain())
            ? routing.ask(tenant, call.phone()).join()
            : Optional.empty();
    String callId = call.start(engine, tenant.domain(), sticky);
    reply(ctx, 201, JSON.createObjectNode().put("callid", callId));
  }

  private void changeAgent(Context ctx) {
    ControlBody body = ControlBody.parse(ctx.body());
    TenantSetup tenant = tenant(body.optionalText("tenant"));
    String extension = ctx.pathParam("extension");
    requireExtension(tenant, extension);
    Optional<Boolean> registered = body.optionalBoolean("registered");
    Optional<Boolean> paused = body.optionalBoolean("paused");
    if (registered.isEmpty() && paused.isEmpty()) {
      throw ApiFailure.badRequest("give registered or paused (or both) as true or false");
    }
    registered.ifPresent(value -> engine.register(tenant.domain(), extension, value));
    paused.ifPresent(value -> engine.pause(tenant.domain(), extension, value));
    AgentState state = engine.statuses(tenant.domain(), List.of(extension)).get(extension);
    reply(
        ctx, 200, JSON.createObjectNode().put("extension", extension).put("status", state.code()));
  }

  private void readClock(Context ctx) {
    reply(ctx, 200, clockState());
  }

  private void advanceClock(Context ctx) {
    SimClock clock = engine.clock();
    if (!clock.isStepped()) {
      throw ApiFailure.conflict(
          "the clock is running ("
              + clock.speed()
              + "x real time), not stepped; only an emulator started in step mode can be"
              + " advanced by hand");
    }
    Duration advance =
        ControlBody.parse(ctx.body())
            .optionalSeconds("advance", LONGEST_ADVANCE)
            .orElseThrow(() -> ControlBody.field("advance", "is missing (seconds to advance)"));
    int ran = engine.runDue();
    // Second by second, so the engine's steps run in order and at the second they are due.
    for (long second = 0; second < advance.toSeconds(); second++) {
      clock.advance(Duration.ofSeconds(1));
      ran += engine.runDue();
    }
    Duration rest = advance.minusSeconds(advance.toSeconds());
    if (!rest.isZero()) {
      clock.advance(rest);
      ran += engine.runDue();
    }
    reply(ctx, 200, clockState().put("ran", ran));
  }

  private static void reply(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(JsonMappers.text(body));
  }

  private ObjectNode clockState() {
    SimClock clock = engine.clock();
    return JSON.createObjectNode()
        .put("now", clock.instant().toString())
        .put("stepped", clock.isStepped());
  }

  private TenantSetup tenant(Optional<String> domain) {
    List<TenantSetup> tenants = engine.tenants();
    if (tenants.isEmpty()) {
      throw ApiFailure.notFound("the emulator has no tenants");
    }
    if (domain.isEmpty()) {
      return tenants.get(0);
    }
    return tenants.stream()
        .filter(tenant -> tenant.domain().equalsIgnoreCase(domain.get()))
        .findFirst()
        .orElseThrow(
            () ->
                ApiFailure.notFound(
                    "no tenant '"
                        + domain.get()
                        + "' (known: "
                        + tenants.stream()
                            .map(TenantSetup::domain)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  private void requireExtension(TenantSetup tenant, String extension) {
    if (!engine.extensions(tenant.domain()).contains(extension)) {
      throw ApiFailure.notFound("extension " + extension + " does not exist on " + tenant.domain());
    }
  }
}
