package dev.switchboard.hub.reports;

import io.javalin.config.RoutesConfig;

/**
 * The reports feature as the hub's server sees it: the KPI settings, their routes and the report
 * routes.
 *
 * @param settings each tenant's KPI settings (the wallboard reads them too)
 * @param settingsRoutes {@code /v1/settings/kpi}
 * @param routes {@code /v1/reports}
 */
public record Reporting(
    KpiSettingsStore settings, KpiSettingsRoutes settingsRoutes, ReportRoutes routes) {
  /** Adds every route. */
  public void register(RoutesConfig config) {
    settingsRoutes.register(config);
    routes.register(config);
  }
}
