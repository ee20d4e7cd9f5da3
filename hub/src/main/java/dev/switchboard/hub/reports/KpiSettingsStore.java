package dev.switchboard.hub.reports;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Each tenant's {@link KpiSettings}, in its {@code tenants} row (defaults where never set). A
 * change of a threshold marks the tenant's rollups out of date in the same transaction, so no
 * report mixes figures counted with the old threshold. Thread-safe.
 */
public final class KpiSettingsStore {
  private final Jdbi jdbi;

  /** A store over {@code jdbi}. */
  public KpiSettingsStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The tenant's settings. */
  public KpiSettings of(String tenantId) {
    return jdbi.withHandle(handle -> of(handle, tenantId));
  }

  /** The tenant's settings, inside the caller's handle. */
  public static KpiSettings of(Handle handle, String tenantId) {
    return handle
        .createQuery(
            "select kpi_service_level_seconds, kpi_short_abandon_seconds,"
                + " kpi_short_abandons_excluded, kpi_service_level_denominator from tenants where"
                + " id = :id")
        .bind("id", tenantId)
        .map(
            (rs, ctx) -> {
              KpiSettings d = KpiSettings.DEFAULTS;
              int level = rs.getInt(1);
              level = rs.wasNull() ? d.serviceLevelSeconds() : level;
              int shortAbandon = rs.getInt(2);
              shortAbandon = rs.wasNull() ? d.shortAbandonSeconds() : shortAbandon;
              int excluded = rs.getInt(3);
              boolean isExcluded = rs.wasNull() ? d.shortAbandonsExcluded() : excluded != 0;
              String denominator = rs.getString(4);
              return new KpiSettings(
                  level,
                  shortAbandon,
                  isExcluded,
                  denominator == null
                      ? d.serviceLevelDenominator()
                      : ServiceLevelDenominator.ofCode(denominator)
                          .orElse(d.serviceLevelDenominator()));
            })
        .findOne()
        .orElse(KpiSettings.DEFAULTS);
  }

  /** Stores the tenant's settings; false when there is no such tenant. */
  public boolean set(String tenantId, KpiSettings settings) {
    return jdbi.inTransaction(
        handle -> {
          KpiSettings before = of(handle, tenantId);
          int rows =
              handle
                  .createUpdate(
                      "update tenants set kpi_service_level_seconds = :level,"
                          + " kpi_short_abandon_seconds = :short, kpi_short_abandons_excluded ="
                          + " :excluded, kpi_service_level_denominator = :denominator where id ="
                          + " :id")
                  .bind("level", settings.serviceLevelSeconds())
                  .bind("short", settings.shortAbandonSeconds())
                  .bind("excluded", settings.shortAbandonsExcluded() ? 1 : 0)
                  .bind("denominator", settings.serviceLevelDenominator().code())
                  .bind("id", tenantId)
                  .execute();
          // The rollups count with the thresholds; the other settings apply when read.
          if (rows == 1
              && (before.serviceLevelSeconds() != settings.serviceLevelSeconds()
                  || before.shortAbandonSeconds() != settings.shortAbandonSeconds())) {
            RollupStore.markAllDirty(handle, tenantId);
          }
          return rows == 1;
        });
  }
}
