package dev.switchboard.hub.recordings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which recording URLs the hub may fetch for a tenant: {@code http} or {@code https}, no user
 * information, and a host among the tenant's PBX API host, report host and recording hosts.
 *
 * @param allowedHosts the lower-cased host names allowed
 */
public record RecordingSource(Set<String> allowedHosts) {
  /** Copies the set. */
  public RecordingSource {
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /** The host of an http(s) URL, lower-cased; empty when it is not one. */
  public static Optional<String> hostOf(String url) {
    try {
      URI uri = new URI(url.strip());
      if (uri.getScheme() == null
          || !uri.getScheme().matches("(?i)https?")
          || uri.getHost() == null
          || uri.getRawUserInfo() != null) {
        return Optional.empty();
      }
      return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException notAUrl) {
      return Optional.empty();
    }
  }

  /** The URL to fetch, when {@code url} may be fetched. */
  public Optional<URI> admit(String url) {
    return hostOf(url).filter(allowedHosts::contains).map(host -> URI.create(url.strip()));
  }
}
