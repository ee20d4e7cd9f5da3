package dev.switchboard.hub.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.PbxClient;
import dev.switchboard.client.PbxClientException;
import dev.switchboard.client.PbxRefusedException;
import dev.switchboard.client.PbxRejectedKeyException;
import dev.switchboard.client.UnableToReachPbxException;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentScope;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.QueueMember;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.phone.PhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the hub asks the PBX to do, through the tenant's {@link PbxClient}: {@code POST /v1/calls}
 * (click-to-call), {@code POST /v1/agents/{ext}/pause} and {@code /unpause}, {@code POST /v1/spy},
 * {@code GET /v1/queues} (members with their live status), and {@code GET /v1/audit}. Every action
 * is written to the audit log. The PBX's refusals reach the caller as a clear message: 422 when the
 * PBX refused, 502 when it rejected the tenant's key, 503 when it could not be reached.
 */
public final class ActionRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");

  private final TenantStore tenants;
  private final PbxClients clients;
  private final AgentBoard agents;
  private final AuditLog audit;
  private final Function<Context, AgentScope> scopeOf;

  /**
   * Routes calling each tenant's PBX through {@code clients}, acting only on the agents of the
   * caller's scope.
   */
  public ActionRoutes(
      TenantStore tenants,
      PbxClients clients,
      AgentBoard agents,
      AuditLog audit,
      Function<Context, AgentScope> scopeOf) {
    this.tenants = tenants;
    this.clients = clients;
    this.agents = agents;
    this.audit = audit;
    this.scopeOf = scopeOf;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/v1/calls", this::clickToCall);
    routes.post("/v1/agents/{ext}/pause", ctx -> pause(ctx, true));
    routes.post("/v1/agents/{ext}/unpause", ctx -> pause(ctx, false));
    routes.post("/v1/spy", this::spy);
    routes.get("/v1/queues", this::queues);
    routes.get("/v1/audit", this::auditLog);
  }

  private void clickToCall(Context ctx) {
    JsonNode body = body(ctx);
    String tenant = tenant(ctx, body);
    String extension = extension(text(body, "extension"));
    Caller caller = Caller.of(ctx);
    if (!caller.isAdmin() && !caller.extension().equals(Optional.of(extension))) {
      throw ApiException.forbidden(
          "you may call only from your own extension (" + caller.extension().orElse("none") + ")");
    }
    String phone = text(body, "phone");
    try {
      PhoneNumber.parse(phone);
    } catch (ProtocolException bad) {
      throw ApiException.badRequest("phone: " + bad.getMessage());
    }
    boolean async = body.path("async").asBoolean(false);
    Optional<String> callId =
        act(
            tenant,
            caller,
            async ? "dial_async" : "dial",
            extension + " -> " + phone,
            client -> {
              if (async) {
                return client.dialAsync(extension, phone);
              }
              client.dial(extension, phone);
              return Optional.<String>empty();
            });
    ObjectNode reply = JSON.createObjectNode();
    reply.put("status", "dialing");
    reply.put("tenant", tenant);
    reply.put("extension", extension);
    reply.put("phone", phone);
    reply.put("callid", callId.orElse(null));
    ctx.status(202).json(reply);
  }

  private void pause(Context ctx, boolean paused) {
    String tenant = tenant(ctx, JSON.createObjectNode());
    String extension = extension(ctx.pathParam("ext"));
    if (!scopeOf.apply(ctx).admits(tenant, extension)) {
      throw ApiException.forbidden("agent " + extension + " is outside what you may act on");
    }
    act(
        tenant,
        Caller.of(ctx),
        paused ? "pause" : "unpause",
        extension,
        client -> {
          client.setPaused(extension, paused);
          return null;
        });
    ctx.json(
        JSON.createObjectNode()
            .put("tenant", tenant)
            .put("extension", extension)
            .put("paused", paused));
  }

  private void spy(Context ctx) {
    JsonNode body = body(ctx);
    String tenant = tenant(ctx, body);
    Caller caller = Caller.of(ctx);
    caller.require(Role.SUPERVISOR, Role.ADMIN);
    String source = extension(text(body, body.has("extension") ? "extension" : "src"));
    String target = extension(text(body, body.has("target") ? "target" : "dst"));
    if (!caller.isAdmin() && !caller.extension().equals(Optional.of(source))) {
      throw ApiException.forbidden(
          "you may listen in only from your own extension ("
              + caller.extension().orElse("none")
              + ")");
    }
    if (!scopeOf.apply(ctx).admits(tenant, target)) {
      throw ApiException.forbidden("agent " + target + " is outside what you may act on");
    }
    SpyMode mode;
    try {
      mode = SpyMode.of(text(body, "mode"));
    } catch (ProtocolException bad) {
      throw ApiException.badRequest(bad.getMessage());
    }
    String callId =
        act(
            tenant,
            caller,
            "spy:" + mode.wireName(),
            source + " -> " + target,
            client -> client.spy(source, target, mode));
    ctx.json(
        JSON.createObjectNode()
            .put("tenant", tenant)
            .put("src", source)
            .put("dst", target)
            .put("mode", mode.wireName())
            .put("callid", callId.isEmpty() ? null : callId));
  }

  private void queues(Context ctx) {
    String tenant = tenant(ctx, JSON.createObjectNode());
    var queues = call(tenant, PbxClient::queueMembers);
    Map<String, AgentStatus> live =
        agents.list(Optional.of(tenant)).stream()
            .collect(Collectors.toMap(AgentStatus::extension, Function.identity()));
    ObjectNode body = JSON.createObjectNode();
    body.put("tenant", tenant);
    var list = body.putArray("queues");
    Caller caller = Caller.of(ctx);
    for (QueueMembers queue : queues) {
      if (!caller.watchesQueue(queue.queue())) {
        continue;
      }
      ObjectNode item = list.addObject();
      item.put("queue", queue.queue());
      item.put("name", queue.name());
      var members = item.putArray("members");
      for (QueueMember member : queue.members()) {
        ObjectNode m = members.addObject();
        m.put("extension", member.extension());
        m.put("paused", member.paused());
        m.put("penalty", member.penalty());
        m.put("pbx_status", member.status().code());
        AgentStatus status = live.get(member.extension());
        m.put("status", status == null ? member.status().code() : status.status());
        m.put("since", status == null ? null : status.since().toString());
      }
    }
    ctx.json(body);
  }

  /**
   * {@code GET /v1/audit}: filters {@code actor}, {@code action} (exact or a prefix such as {@code
   * tenant}), {@code from}/{@code to} (instants, or dates in the tenant's zone, both days
   * included), paged by {@code before} (the previous page's {@code next_before}). A supervisor sees
   * only their own actions.
   */
  private void auditLog(Context ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.SUPERVISOR, Role.ADMIN);
    Optional<String> tenant =
        caller.isApiToken()
            ? Params.text(ctx, "tenant")
            : Optional.of(caller.tenant(Params.text(ctx, "tenant")));
    java.time.ZoneId zone =
        tenants
            .find(tenant.orElse(caller.user().tenantId()))
            .map(dev.switchboard.hub.tenants.Tenant::zone)
            .orElse(dev.switchboard.protocol.webhook.WebhookParser.DEFAULT_ZONE);
    Optional<String> actor =
        caller.isAdmin() ? Params.text(ctx, "actor") : Optional.of(caller.actor());
    Optional<Long> before =
        Params.parsed(ctx, "before", Long::valueOf, "an entry id (next_before of a page)");
    AuditQuery query;
    try {
      query =
          new AuditQuery(
              tenant,
              actor,
              Params.text(ctx, "action"),
              Params.instantOrDate(ctx, "from", zone, false),
              Params.instantOrDate(ctx, "to", zone, true),
              before,
              Params.integer(ctx, "limit", 100, 1, 1000));
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
    AuditLog.Page page = audit.search(query);
    ObjectNode body = JSON.createObjectNode();
    page.entries().forEach(body.putArray("entries")::add);
    body.put("next_before", page.nextBefore().orElse(null));
    ctx.json(body);
  }

  /** Calls the PBX for a read, mapping its failures to API errors. */
  private <T> T call(String tenant, Function<PbxClient, T> request) {
    try {
      return request.apply(clients.forTenant(tenant));
    } catch (PbxClientException failed) {
      throw translate(tenant, failed);
    } catch (IllegalArgumentException badSettings) {
      throw ApiException.badGateway(
          "tenant '" + tenant + "''s PBX settings are not usable: " + badSettings.getMessage());
    }
  }

  /** Calls the PBX for an action, writing it and its outcome to the audit log. */
  private <T> T act(
      String tenant, Caller caller, String action, String target, Function<PbxClient, T> request) {
    String actor = caller.actor();
    try {
      T result = request.apply(clients.forTenant(tenant));
      audit.record(tenant, actor, action, target, true, null);
      return result;
    } catch (PbxClientException failed) {
      ApiException error = translate(tenant, failed);
      audit.record(tenant, actor, action, target, false, error.getMessage());
      throw error;
    } catch (ApiException refused) {
      audit.record(tenant, actor, action, target, false, refused.getMessage());
      throw refused;
    } catch (IllegalArgumentException invalid) {
      audit.record(tenant, actor, action, target, false, invalid.getMessage());
      throw ApiException.badRequest(invalid.getMessage());
    }
  }

  /** The API error a PBX failure reaches the caller as. */
  public static ApiException translate(String tenant, PbxClientException failed) {
    if (failed instanceof PbxRejectedKeyException) {
      return ApiException.badGateway(
          "the PBX rejected tenant '" + tenant + "''s key or domain; check its PBX settings");
    }
    if (failed instanceof UnableToReachPbxException) {
      return ApiException.unavailable("the PBX could not be reached: " + failed.getMessage());
    }
    if (failed instanceof PbxRefusedException refused) {
      return ApiException.coded(
          422,
          "pbx_refused",
          "the PBX refused: " + failed.getMessage(),
          Map.of("reason", RefusalReason.of(refused.pbxMessage())));
    }
    return ApiException.badGateway("the PBX failed: " + failed.getMessage());
  }

  private String tenant(Context ctx, JsonNode body) {
    String id =
        Params.text(ctx, "tenant")
            .or(() -> Optional.ofNullable(body.get("tenant")).map(JsonNode::asText))
            .orElse(Caller.of(ctx).user().tenantId());
    Caller.of(ctx).requireTenant(id);
    if (tenants.find(id).isEmpty()) {
      throw ApiException.notFound("no tenant '" + id + "'");
    }
    return id;
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw ApiException.badRequest("body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw ApiException.badRequest(field + ": is required");
    }
    return value.asText().strip();
  }

  private static String extension(String value) {
    if (!EXTENSION.matcher(value).matches()) {
      throw ApiException.badRequest("extension '" + value + "' must be 2-8 digits");
    }
    return value;
  }
}
