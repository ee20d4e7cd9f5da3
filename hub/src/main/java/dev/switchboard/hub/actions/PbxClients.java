package dev.switchboard.hub.actions;

import dev.switchboard.client.PbxClient;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.server.logging.LogRedaction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link PbxClient} per tenant, built from the tenant's PBX settings (and rebuilt when they
 * change). Thread-safe.
 */
public final class PbxClients {
  private final TenantStore tenants;
  private final Map<PbxSettings, PbxClient> clients = new ConcurrentHashMap<>();

  /** Clients for the tenants of {@code tenants}. */
  public PbxClients(TenantStore tenants) {
    this.tenants = tenants;
  }

  /**
   * The client of {@code tenantId}.
   *
   * @throws ApiException (409) when the tenant has no PBX settings
   */
  public PbxClient forTenant(String tenantId) {
    PbxSettings settings =
        tenants
            .pbx(tenantId)
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "tenant '"
                            + tenantId
                            + "' has no PBX settings (switchboard hub tenant set-pbx "
                            + tenantId
                            + " ...)"));
    return forSettings(settings);
  }

  /** The client for these settings. */
  public PbxClient forSettings(PbxSettings settings) {
    return clients.computeIfAbsent(
        settings,
        s -> {
          // Whatever prints the key by mistake (a driver, a server, a library), the log masks it.
          LogRedaction.hide(s.key().forms());
          PbxClient.Builder builder =
              PbxClient.builder(s.apiUrl(), s.key(), s.domain())
                  .connectTimeout(Duration.ofSeconds(5))
                  .requestTimeout(Duration.ofSeconds(15));
          s.reportUrl().ifPresent(builder::reportBaseUrl);
          return builder.build();
        });
  }
}
