package dev.switchboard.hub.tenants;

import dev.switchboard.hub.reports.ReportRollups;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Tenants, their webhook tokens, PBX settings and routing policy. A token is shown once, when made;
 * only its hash is stored. Look-ups by id, by token and of the routing policy are cached for five
 * seconds, so a change made by another process takes effect within that time. Thread-safe.
 */
public final class TenantStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** How long a token look-up is trusted before the database is asked again. */
  private static final long CACHE_MILLIS = 5_000;

  private record Cached(Tenant tenant, long loadedAt) {}

  private final Map<String, Cached> byTokenHash = new ConcurrentHashMap<>();
  private final Map<String, Cached> byId = new ConcurrentHashMap<>();

  private record CachedRouting(RoutingPolicy policy, long loadedAt) {}

  private final Map<String, CachedRouting> routingById = new ConcurrentHashMap<>();

  /** A store over {@code jdbi}. */
  public TenantStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A tenant and its new webhook token (shown once). */
  public record Created(Tenant tenant, String token) {}

  /** Stores a new tenant with a fresh token. */
  public Created create(Tenant tenant) {
    return createIfAbsent(tenant)
        .orElseThrow(
            () -> new IllegalArgumentException("tenant '" + tenant.id() + "' already exists"));
  }

  /**
   * Stores a new tenant with a fresh token unless one with its id exists, in one statement: hubs
   * starting at once on one database create it once, and only the one that did gets the token.
   */
  public Optional<Created> createIfAbsent(Tenant tenant) {
    String token = Secrets.newToken();
    int inserted =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "insert into tenants (id, name, token_hash, time_zone, allowed_networks,"
                            + " created_at) values (:id, :name, :hash, :zone, :networks, :now)"
                            + " on conflict (id) do nothing")
                    .bind("id", tenant.id())
                    .bind("name", tenant.name())
                    .bind("hash", Secrets.hash(token))
                    .bind("zone", tenant.zone().getId())
                    .bind("networks", tenant.allowedNetworks().toString())
                    .bind("now", clock.millis())
                    .execute());
    return inserted == 1 ? Optional.of(new Created(tenant, token)) : Optional.empty();
  }

  /** Replaces a tenant's webhook token; the old one stops working at once. */
  public Created rotateToken(String id) {
    Tenant tenant =
        find(id).orElseThrow(() -> new IllegalArgumentException("no tenant '" + id + "'"));
    String token = Secrets.newToken();
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("update tenants set token_hash = :hash where id = :id")
                .bind("hash", Secrets.hash(token))
                .bind("id", id)
                .execute());
    byTokenHash.values().removeIf(cached -> cached.tenant().id().equals(id));
    return new Created(tenant, token);
  }

  /** The tenant whose webhook token this is. */
  public Optional<Tenant> findByToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 256) {
      return Optional.empty();
    }
    String hash = Secrets.hash(token);
    Cached cached = byTokenHash.get(hash);
    if (cached != null && clock.millis() - cached.loadedAt() < CACHE_MILLIS) {
      return Optional.of(cached.tenant());
    }
    byTokenHash.remove(hash);
    Optional<Tenant> found =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select id, name, time_zone, allowed_networks, token_hash from tenants where"
                            + " token_hash = :hash")
                    .bind("hash", hash)
                    .map(
                        (rs, ctx) ->
                            Secrets.matches(token, rs.getString("token_hash")) ? read(rs) : null)
                    .findOne());
    found.ifPresent(tenant -> byTokenHash.put(hash, new Cached(tenant, clock.millis())));
    return found;
  }

  /** The tenant with this id. */
  public Optional<Tenant> find(String id) {
    Cached cached = byId.get(id);
    if (cached != null && clock.millis() - cached.loadedAt() < CACHE_MILLIS) {
      return Optional.of(cached.tenant());
    }
    Optional<Tenant> found =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select id, name, time_zone, allowed_networks from tenants where id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> read(rs))
                    .findOne());
    found.ifPresent(tenant -> byId.put(id, new Cached(tenant, clock.millis())));
    return found;
  }

  /**
   * Sets the tenant's time zone: calldates, the console's times and "today" of the wallboard and
   * reports follow at once in this process (its caches are dropped), elsewhere within five seconds.
   */
  public void setZone(String id, ZoneId zone) {
    int rows =
        jdbi.inTransaction(
            handle -> {
              int updated =
                  handle
                      .createUpdate("update tenants set time_zone = :zone where id = :id")
                      .bind("zone", zone.getId())
                      .bind("id", id)
                      .execute();
              // The reports' day totals are summed per local day: summed again in the new zone.
              ReportRollups.zoneChanged(handle, id);
              return updated;
            });
    if (rows == 0) {
      throw new IllegalArgumentException("no tenant '" + id + "'");
    }
    byId.remove(id);
    byTokenHash.values().removeIf(cached -> cached.tenant().id().equals(id));
  }

  /** Sets how the hub reaches the tenant's PBX. */
  public void setPbx(String id, PbxSettings settings) {
    int rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update tenants set pbx_api_url = :api, pbx_report_url = :report, pbx_key ="
                            + " :key, pbx_domain = :domain where id = :id")
                    .bind("api", settings.apiUrl())
                    .bind("report", settings.reportUrl().orElse(null))
                    .bind("key", settings.key().value())
                    .bind("domain", settings.domain())
                    .bind("id", id)
                    .execute());
    if (rows == 0) {
      throw new IllegalArgumentException("no tenant '" + id + "'");
    }
  }

  /**
   * Sets the hosts besides the PBX API's and report's from which the hub may fetch the tenant's
   * recordings (lower-cased; empty for none).
   */
  public void setRecordingHosts(String id, java.util.List<String> hosts) {
    for (String host : hosts) {
      if (!host.matches("[A-Za-z0-9.-]{1,253}")) {
        throw new IllegalArgumentException("recording host '" + host + "' is not a host name");
      }
    }
    String value =
        hosts.isEmpty()
            ? null
            : String.join(
                ",", hosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList());
    int changed =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("update tenants set recording_hosts = :hosts where id = :id")
                    .bind("hosts", value)
                    .bind("id", id)
                    .execute());
    if (changed == 0) {
      throw new IllegalArgumentException("no tenant '" + id + "'");
    }
  }

  /** The extra recording hosts of the tenant (see {@link #setRecordingHosts}). */
  public java.util.List<String> recordingHosts(String id) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createQuery("select coalesce(recording_hosts, '') from tenants where id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne())
        .filter(v -> !v.isBlank())
        .map(v -> java.util.List.of(v.split(",")))
        .orElse(java.util.List.of());
  }

  /** How the hub reaches the tenant's PBX, when set. */
  public Optional<PbxSettings> pbx(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select pbx_api_url, pbx_report_url, pbx_key, pbx_domain from tenants where id ="
                        + " :id and pbx_api_url is not null")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new PbxSettings(
                            rs.getString(1),
                            Optional.ofNullable(rs.getString(2)),
                            new dev.switchboard.protocol.api.PbxKey(rs.getString(3)),
                            rs.getString(4)))
                .findOne());
  }

  /**
   * Sets how the tenant answers the PBX's routing question; a running hub (this store or another
   * process's) follows within five seconds.
   */
  public void setRouting(String id, RoutingPolicy policy) {
    int rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update tenants set routing_policy = :policy, routing_window_seconds ="
                            + " :window where id = :id")
                    .bind("policy", policy.code())
                    .bind("window", policy.window().toSeconds())
                    .bind("id", id)
                    .execute());
    if (rows == 0) {
      throw new IllegalArgumentException("no tenant '" + id + "'");
    }
    routingById.remove(id);
  }

  /** How the tenant answers the routing question ({@link RoutingPolicy#off()} unless set). */
  public RoutingPolicy routing(String id) {
    CachedRouting cached = routingById.get(id);
    if (cached != null && clock.millis() - cached.loadedAt() < CACHE_MILLIS) {
      return cached.policy();
    }
    RoutingPolicy policy =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select routing_policy, routing_window_seconds from tenants where id = :id")
                    .bind("id", id)
                    .map(
                        (rs, ctx) -> {
                          String code = rs.getString(1);
                          long seconds = rs.getLong(2);
                          java.time.Duration window =
                              rs.wasNull()
                                  ? RoutingPolicy.DEFAULT_WINDOW
                                  : java.time.Duration.ofSeconds(seconds);
                          return code == null
                              ? RoutingPolicy.off()
                              : RoutingPolicy.parse(code, window);
                        })
                    .findOne()
                    .orElse(RoutingPolicy.off()));
    routingById.put(id, new CachedRouting(policy, clock.millis()));
    return policy;
  }

  /** Every tenant, by id. */
  public List<Tenant> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, name, time_zone, allowed_networks from tenants order by id")
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private static Tenant read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Tenant(
        rs.getString("id"),
        rs.getString("name"),
        ZoneId.of(rs.getString("time_zone")),
        SourceNetworks.parse(rs.getString("allowed_networks")));
  }
}
