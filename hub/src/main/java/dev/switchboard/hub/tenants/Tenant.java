package dev.switchboard.hub.tenants;

import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One company connected to one PBX: its webhooks arrive under {@code /hooks/{token}}.
 *
 * @param id short identifier ({@code default}, {@code acme})
 * @param name display name
 * @param zone the PBX's time zone, in which its calldates are read
 * @param allowedNetworks where its webhooks may come from (empty: anywhere)
 */
public record Tenant(String id, String name, ZoneId zone, SourceNetworks allowedNetworks) {
  /** The tenant created on first start, which owns the bare seed paths. */
  public static final String DEFAULT_ID = "default";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Validates the id (lower-case letters, digits, - and _) and the rest. */
  public Tenant {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "tenant id must be 1-63 lower-case letters, digits, '-' or '_' (got '" + id + "')");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tenant name is required");
    }
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(allowedNetworks, "allowedNetworks");
  }
}
