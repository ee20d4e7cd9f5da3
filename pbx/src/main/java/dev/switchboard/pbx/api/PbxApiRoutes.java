package dev.switchboard.pbx.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.ClickToCall;
import dev.switchboard.protocol.api.DialReply;
import dev.switchboard.protocol.api.ExtensionStatus;
import dev.switchboard.protocol.api.ExtensionStatusReply;
import dev.switchboard.protocol.api.ExtensionStatusRequest;
import dev.switchboard.protocol.api.PbxApiPath;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.PbxReply;
import dev.switchboard.protocol.api.PbxRequest;
import dev.switchboard.protocol.api.QueueMembersReply;
import dev.switchboard.protocol.api.QueueMembersRequest;
import dev.switchboard.protocol.api.QueueStatusUpdate;
import dev.switchboard.protocol.api.SpyRequest;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.AgentState;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The PBX API as the documents give it (CRM -> PBX), at the documents' paths: click-to-call ({@code
 * GET /api/CallControl/dial/...} and {@code dial_async/...}) and the JSON calls under {@code
 * /api/Agent/} and {@code /internal/Reports/cdr}. Every call is authenticated by the company key
 * (and click-to-call by the domain too): a key or domain that matches no tenant gets HTTP 403 and
 * changes nothing. Replies follow docs/protocol.md ("The PBX API", "Replies"); failures are {@code
 * {"result":null,"message":"..."}} with 400 (bad input, or the engine refuses), 403 or 404 (unknown
 * extension). No reply or log line carries the key. CRM pages call the API from the browser
 * (click-to-call), so it answers CORS preflights and lets any origin read its replies ({@link
 * #allowBrowsers}); the control API does not. Thread-safe: the engine is.
 */
public final class PbxApiRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Engine engine;
  private final CallRecordReport callRecords;

  /** Routes over {@code engine}. */
  public PbxApiRoutes(Engine engine) {
    this.engine = engine;
    this.callRecords = new CallRecordReport(engine);
  }

  /** The paths of the PBX API, as CORS rules and preflight routes see them. */
  static final List<String> PATHS = List.of("/api/*", "/internal/*");

  /**
   * Lets browser pages call the PBX API (and only it) from any origin, as CRM front-ends do for
   * click-to-call: every reply under {@link #PATHS} to a request with an {@code Origin} carries
   * {@code Access-Control-Allow-Origin: *}, and a preflight {@code OPTIONS} is answered 204 with
   * the method and headers asked for. No cookies are involved (the key is in the path or body), so
   * credentials are not allowed.
   */
  public static void allowBrowsers(JavalinConfig config) {
    config.bundledPlugins.enableCors(
        cors -> {
          for (String path : PATHS) {
            cors.addRule(
                rule -> {
                  rule.path = path;
                  rule.anyHost();
                  rule.maxAge = 600;
                });
          }
        });
    // The plugin adds the headers; the preflight itself is answered here, with no body.
    PATHS.forEach(path -> config.routes.options(path, ctx -> ctx.status(204)));
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    // One route for both methods and any parameter order; ClickToCall names what is missing.
    routes.get("/api/CallControl/<call>", this::clickToCall);
    post(routes, PbxApiPath.EXTENSION_STATUS, ExtensionStatusRequest::parse, this::statuses);
    post(routes, PbxApiPath.SPY, SpyRequest::parse, this::spy);
    post(routes, PbxApiPath.QUEUE_MEMBERS, QueueMembersRequest::parse, this::queueMembers);
    post(routes, PbxApiPath.QUEUE_STATUS_UPDATE, QueueStatusUpdate::parse, this::pause);
    post(routes, PbxApiPath.CDR, CdrQuery::parse, callRecords::reply);
  }

  private <R extends PbxRequest> void post(
      RoutesConfig routes,
      PbxApiPath path,
      Function<String, R> parse,
      BiFunction<TenantSetup, R, String> answer) {
    routes.post(
        path.path(),
        ctx -> {
          R request = parse.apply(ctx.body());
          TenantSetup tenant = tenantOf(request.key());
          ctx.status(200).contentType("application/json").result(answer.apply(tenant, request));
        });
  }

  private void clickToCall(Context ctx) {
    ClickToCall request = ClickToCall.parsePath(ctx.path());
    TenantSetup tenant =
        engine.tenants().stream()
            .filter(t -> t.key().matches(request.key()))
            .filter(t -> t.domain().equalsIgnoreCase(request.domain()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiFailure.forbidden(
                        "key or domain is wrong: no company on this PBX has both"));
    requireExtensions(tenant, List.of(request.fromExtension()));
    // Checked now: the engine writes the number into webhooks seconds later, on its own agenda.
    PhoneNumber.parse(request.toPhone());
    String callId = engine.dial(tenant.domain(), request.fromExtension(), request.toPhone());
    if (request.mode() == ClickToCall.Mode.SYNC) {
      ctx.status(200).contentType("text/plain; charset=utf-8").result(DialReply.placed().toBody());
    } else {
      ctx.status(200).contentType("application/json").result(DialReply.accepted(callId).toBody());
    }
  }

  private String statuses(TenantSetup tenant, ExtensionStatusRequest request) {
    requireExtensions(tenant, request.extensions());
    Map<String, AgentState> states = engine.statuses(tenant.domain(), request.extensions());
    List<ExtensionStatus> result = new ArrayList<>();
    states.forEach((extension, state) -> result.add(new ExtensionStatus(extension, state)));
    return new ExtensionStatusReply(result).toJson();
  }

  private String spy(TenantSetup tenant, SpyRequest request) {
    requireExtensions(tenant, List.of(request.src(), request.dst()));
    String leg = engine.spy(tenant.domain(), request.src(), request.dst(), request.mode());
    ObjectNode result =
        JSON.createObjectNode()
            .put("callid", leg)
            .put("src", request.src())
            .put("dst", request.dst())
            .put("mode", request.mode().wireName());
    return PbxReply.ok(result);
  }

  private String queueMembers(TenantSetup tenant, QueueMembersRequest request) {
    return new QueueMembersReply(engine.queueMembers(tenant.domain())).toJson();
  }

  private String pause(TenantSetup tenant, QueueStatusUpdate request) {
    requireExtensions(tenant, List.of(request.extension()));
    engine.pause(tenant.domain(), request.extension(), request.paused());
    AgentState state =
        engine.statuses(tenant.domain(), List.of(request.extension())).get(request.extension());
    ObjectNode result =
        JSON.createObjectNode()
            .put("exten", request.extension())
            .put("paused", request.paused())
            .put("state", state.code());
    return PbxReply.ok(result);
  }

  private TenantSetup tenantOf(PbxKey key) {
    return engine
        .tenantByKey(key)
        .orElseThrow(() -> ApiFailure.forbidden("key is wrong: no company on this PBX has it"));
  }

  /** 404 naming every extension asked for that the tenant does not have. */
  private void requireExtensions(TenantSetup tenant, List<String> asked) {
    List<String> known = engine.extensions(tenant.domain());
    List<String> unknown = asked.stream().filter(e -> !known.contains(e)).distinct().toList();
    if (unknown.size() == 1) {
      throw ApiFailure.notFound("extension " + unknown.get(0) + " does not exist");
    }
    if (!unknown.isEmpty()) {
      throw ApiFailure.notFound("extensions " + String.join(", ", unknown) + " do not exist");
    }
  }
}
