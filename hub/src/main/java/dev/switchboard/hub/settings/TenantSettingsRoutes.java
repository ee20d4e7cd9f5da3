package dev.switchboard.hub.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.PbxClientException;
import dev.switchboard.client.PbxRefusedException;
import dev.switchboard.client.PbxRejectedKeyException;
import dev.switchboard.client.UnableToReachPbxException;
import dev.switchboard.hub.actions.AuditLog;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.actions.RefusalReason;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.RoutingPolicy;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.server.logging.LogRedaction;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET/PUT /v1/tenant}, {@code PUT /v1/tenant/pbx}, {@code POST /v1/tenant/pbx/test} and
 * {@code POST /v1/tenant/webhook-token}: the caller's tenant's settings, for admins (and the API
 * token, with {@code ?tenant=}) only. The PBX key is written, never returned (the reply says only
 * whether one is set); the webhook token is shown once, by the rotation that makes it. Thread-safe.
 */
public final class TenantSettingsRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final String MASK = "••••••••";
  private static final Set<String> TENANT_FIELDS =
      Set.of("time_zone", "routing_policy", "routing_window_seconds");
  private static final Set<String> PBX_FIELDS =
      Set.of("api_url", "report_url", "domain", "key", "recording_hosts");

  private final TenantStore tenants;
  private final PbxClients clients;
  private final AuditLog audit;
  private final Function<Context, String> publicBaseUrl;

  /**
   * Routes over {@code tenants}, testing the PBX through {@code clients}, auditing to {@code
   * audit}; {@code publicBaseUrl} is where the PBX reaches the hub (its webhook URL's start).
   */
  public TenantSettingsRoutes(
      TenantStore tenants,
      PbxClients clients,
      AuditLog audit,
      Function<Context, String> publicBaseUrl) {
    this.tenants = tenants;
    this.clients = clients;
    this.audit = audit;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/tenant", ctx -> ctx.json(view(ctx, tenant(ctx))));
    routes.put("/v1/tenant", this::update);
    routes.put("/v1/tenant/pbx", this::setPbx);
    routes.post("/v1/tenant/pbx/test", this::testPbx);
    routes.post("/v1/tenant/webhook-token", this::rotateToken);
  }

  /** The tenant an admin works in: their own, or {@code ?tenant=} for the API token. */
  private Tenant tenant(Context ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.ADMIN);
    String id = caller.tenant(Params.text(ctx, "tenant"));
    return tenants.find(id).orElseThrow(() -> ApiException.notFound("no tenant '" + id + "'"));
  }

  private ObjectNode view(Context ctx, Tenant tenant) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", tenant.id());
    body.put("name", tenant.name());
    body.put("time_zone", tenant.zone().getId());
    RoutingPolicy routing = tenants.routing(tenant.id());
    ObjectNode routingNode = body.putObject("routing");
    routingNode.put("policy", routing.code());
    routingNode.put("window_seconds", routing.window().toSeconds());
    body.putObject("webhook").put("url", webhookUrl(ctx, MASK)).put("token_masked", true);
    ObjectNode pbx = body.putObject("pbx");
    Optional<PbxSettings> settings = tenants.pbx(tenant.id());
    pbx.put("api_url", settings.map(PbxSettings::apiUrl).orElse(null));
    pbx.put("report_url", settings.flatMap(PbxSettings::reportUrl).orElse(null));
    pbx.put("domain", settings.map(PbxSettings::domain).orElse(null));
    // Whether a key is set, never the key.
    pbx.put("key_set", settings.isPresent());
    tenants.recordingHosts(tenant.id()).forEach(pbx.putArray("recording_hosts")::add);
    if (!pbx.has("recording_hosts")) {
      pbx.putArray("recording_hosts");
    }
    return body;
  }

  private void update(Context ctx) {
    Tenant tenant = tenant(ctx);
    SettingsBody body = SettingsBody.of(ctx, TENANT_FIELDS);
    Optional<ZoneId> zone = body.text("time_zone").map(TenantSettingsRoutes::zone);
    if (body.has("time_zone") && zone.isEmpty()) {
      throw ApiException.badRequest(
          "time_zone: must be an IANA time zone such as Asia/Ho_Chi_Minh");
    }
    Optional<RoutingPolicy> routing = Optional.empty();
    if (body.has("routing_policy") || body.has("routing_window_seconds")) {
      RoutingPolicy current = tenants.routing(tenant.id());
      String policy = body.text("routing_policy").orElse(current.code());
      Duration window =
          body.number("routing_window_seconds").map(Duration::ofSeconds).orElse(current.window());
      try {
        routing = Optional.of(RoutingPolicy.parse(policy, window));
      } catch (IllegalArgumentException invalid) {
        String field =
            invalid.getMessage().startsWith("routing window")
                ? "routing_window_seconds"
                : "routing_policy";
        throw ApiException.badRequest(field + ": " + invalid.getMessage());
      }
    }
    String actor = Caller.of(ctx).actor();
    if (zone.isPresent() && !zone.get().equals(tenant.zone())) {
      tenants.setZone(tenant.id(), zone.get());
      audit.record(
          tenant.id(),
          actor,
          "tenant.time_zone",
          tenant.id(),
          true,
          tenant.zone().getId() + " -> " + zone.get().getId());
    }
    if (routing.isPresent()) {
      RoutingPolicy before = tenants.routing(tenant.id());
      tenants.setRouting(tenant.id(), routing.get());
      audit.record(
          tenant.id(),
          actor,
          "tenant.routing",
          tenant.id(),
          true,
          describe(before) + " -> " + describe(routing.get()));
    }
    ctx.json(view(ctx, tenants.find(tenant.id()).orElseThrow()));
  }

  private static String describe(RoutingPolicy policy) {
    return policy.code() + " (" + policy.window().toSeconds() + " s)";
  }

  private static ZoneId zone(String id) {
    try {
      // Region ids only (Asia/Ho_Chi_Minh, UTC): an offset such as +07:00 knows no summer time.
      if (!ZoneId.getAvailableZoneIds().contains(id)) {
        throw ApiException.badRequest(
            "time_zone: '" + id + "' is not an IANA time zone such as Asia/Ho_Chi_Minh");
      }
      return ZoneId.of(id);
    } catch (DateTimeException invalid) {
      throw ApiException.badRequest(
          "time_zone: '" + id + "' is not an IANA time zone such as Asia/Ho_Chi_Minh");
    }
  }

  private void setPbx(Context ctx) {
    Tenant tenant = tenant(ctx);
    SettingsBody body = SettingsBody.of(ctx, PBX_FIELDS);
    Optional<PbxSettings> current = tenants.pbx(tenant.id());
    String apiUrl =
        body.text("api_url")
            .or(() -> body.has("api_url") ? Optional.empty() : current.map(PbxSettings::apiUrl))
            .orElseThrow(() -> ApiException.badRequest("api_url: is required"));
    requireUrl("api_url", apiUrl);
    Optional<String> reportUrl =
        body.has("report_url") ? body.text("report_url") : current.flatMap(PbxSettings::reportUrl);
    reportUrl.ifPresent(url -> requireUrl("report_url", url));
    String domain =
        body.text("domain")
            .or(() -> body.has("domain") ? Optional.empty() : current.map(PbxSettings::domain))
            .orElseThrow(() -> ApiException.badRequest("domain: is required"));
    Optional<String> newKey = body.text("key");
    PbxKey key;
    try {
      key =
          newKey
              .map(PbxKey::new)
              .or(() -> current.map(PbxSettings::key))
              .orElseThrow(() -> ApiException.badRequest("key: is required (no key is set yet)"));
    } catch (dev.switchboard.protocol.ProtocolException | IllegalArgumentException invalid) {
      // The message names the field, never the value.
      throw ApiException.badRequest(invalid.getMessage());
    }
    Optional<List<String>> hosts = body.texts("recording_hosts");
    hosts.ifPresent(
        list -> {
          for (String host : list) {
            if (!host.matches("[A-Za-z0-9.-]{1,253}")) {
              throw ApiException.badRequest("recording_hosts: '" + host + "' is not a host name");
            }
          }
        });
    PbxSettings settings;
    try {
      settings = new PbxSettings(apiUrl, reportUrl, key, domain);
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest("domain: " + invalid.getMessage());
    }
    LogRedaction.hide(key.forms());
    tenants.setPbx(tenant.id(), settings);
    hosts.ifPresent(list -> tenants.setRecordingHosts(tenant.id(), list));
    List<String> changed = new ArrayList<>();
    if (!current.map(PbxSettings::apiUrl).equals(Optional.of(apiUrl))) {
      changed.add("api_url " + apiUrl);
    }
    if (!current.flatMap(PbxSettings::reportUrl).equals(reportUrl)) {
      changed.add("report_url " + reportUrl.orElse("(none)"));
    }
    if (!current.map(PbxSettings::domain).equals(Optional.of(domain))) {
      changed.add("domain " + domain);
    }
    if (newKey.isPresent()) {
      changed.add("key (new)");
    }
    hosts.ifPresent(list -> changed.add("recording_hosts " + String.join(",", list)));
    audit.record(
        tenant.id(),
        Caller.of(ctx).actor(),
        "tenant.pbx",
        tenant.id(),
        true,
        changed.isEmpty() ? "unchanged" : String.join("; ", changed));
    ctx.json(view(ctx, tenant));
  }

  private static void requireUrl(String field, String url) {
    if (!(url.startsWith("http://") || url.startsWith("https://")) || url.length() > 2000) {
      throw ApiException.badRequest(field + ": must be an http or https URL");
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      if (uri.getHost() == null) {
        throw ApiException.badRequest(field + ": must name a host");
      }
    } catch (java.net.URISyntaxException invalid) {
      throw ApiException.badRequest(field + ": is not a URL (" + invalid.getReason() + ")");
    }
  }

  /**
   * Asks the PBX for its queues with the stored settings: {@code ok} and the number of queues, or
   * why the PBX could not be used ({@code unreachable}, {@code key_rejected}, {@code refused}).
   */
  private void testPbx(Context ctx) {
    Tenant tenant = tenant(ctx);
    ObjectNode body = JSON.createObjectNode();
    Optional<PbxSettings> settings = tenants.pbx(tenant.id());
    if (settings.isEmpty()) {
      throw ApiException.conflict("no PBX connection is set; save one first");
    }
    try {
      int queues = clients.forSettings(settings.get()).queueMembers().size();
      body.put("ok", true).put("queues", queues);
    } catch (PbxClientException failed) {
      String message = settings.get().key().redact(failed.getMessage());
      body.put("ok", false).put("message", message);
      if (failed instanceof PbxRejectedKeyException) {
        body.put("reason", "key_rejected");
      } else if (failed instanceof UnableToReachPbxException) {
        body.put("reason", "unreachable");
      } else if (failed instanceof PbxRefusedException refused) {
        body.put("reason", RefusalReason.of(refused.pbxMessage()));
      } else {
        body.put("reason", "failed");
      }
    }
    audit.record(
        tenant.id(),
        Caller.of(ctx).actor(),
        "tenant.pbx_test",
        tenant.id(),
        body.path("ok").asBoolean(),
        body.path("ok").asBoolean() ? null : body.path("message").asText());
    ctx.json(body);
  }

  /**
   * Gives the tenant a new webhook token and answers its full URL, the only time it is shown (the
   * reply is {@code Cache-Control: no-store}, as every {@code /v1} reply); the old token stops
   * working at once. The token is masked in any log line from now on.
   */
  private void rotateToken(Context ctx) {
    Tenant tenant = tenant(ctx);
    TenantStore.Created created = tenants.rotateToken(tenant.id());
    LogRedaction.hide(List.of(created.token()));
    audit.record(
        tenant.id(), Caller.of(ctx).actor(), "tenant.webhook_token", tenant.id(), true, "rotated");
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        JSON.createObjectNode()
            .put("url", webhookUrl(ctx, created.token()))
            .put("token", created.token()));
  }

  private String webhookUrl(Context ctx, String token) {
    return publicBaseUrl.apply(ctx) + "/hooks/" + token;
  }
}
