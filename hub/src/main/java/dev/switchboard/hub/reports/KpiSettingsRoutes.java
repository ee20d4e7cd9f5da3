package dev.switchboard.hub.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.actions.AuditLog;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /v1/settings/kpi} (any signed-in user of the tenant) and {@code PUT /v1/settings/kpi}
 * (admins; validated, written to the audit log). The API token names the tenant with {@code
 * ?tenant=} (default: {@code default}). Thread-safe.
 */
public final class KpiSettingsRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final KpiSettingsStore settings;
  private final AuditLog audit;

  /** Routes over the settings, auditing changes in {@code audit}. */
  public KpiSettingsRoutes(KpiSettingsStore settings, AuditLog audit) {
    this.settings = settings;
    this.audit = audit;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/settings/kpi", this::get);
    routes.put("/v1/settings/kpi", this::put);
  }

  private void get(Context ctx) {
    String tenant = Caller.of(ctx).tenant(Params.text(ctx, "tenant"));
    ctx.json(settings.of(tenant).toJson());
  }

  private void put(Context ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.ADMIN);
    String tenant = caller.tenant(Params.text(ctx, "tenant"));
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
    KpiSettings changed = settings.of(tenant).with(body);
    if (!settings.set(tenant, changed)) {
      throw ApiException.notFound("no tenant '" + tenant + "'");
    }
    audit.record(
        tenant, caller.actor(), "kpi_settings", tenant, true, JsonMappers.text(changed.toJson()));
    ctx.json(changed.toJson());
  }
}
