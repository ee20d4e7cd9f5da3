package dev.switchboard.hub.tenants;

import dev.switchboard.protocol.api.PbxKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub reaches a tenant's PBX: the API's base URL, the call-record report's base URL when it
 * is another host, the company key and domain. The key is stored server-side and never returned by
 * the API; {@link #toString} hides it.
 */
public record PbxSettings(String apiUrl, Optional<String> reportUrl, PbxKey key, String domain) {
  /** Validates the URLs (http or https) and the domain. */
  public PbxSettings {
    requireUrl("PBX API URL", apiUrl);
    Objects.requireNonNull(reportUrl, "reportUrl");
    reportUrl.ifPresent(url -> requireUrl("PBX report URL", url));
    Objects.requireNonNull(key, "key");
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("PBX domain is required");
    }
  }

  private static void requireUrl(String what, String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException(
          what + " must be an http or https URL (got '" + url + "')");
    }
  }

  @Override
  public String toString() {
    return "PbxSettings[" + apiUrl + ", domain " + domain + ", key ***]";
  }
}
