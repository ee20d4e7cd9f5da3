package dev.switchboard.client;

import dev.switchboard.protocol.api.PbxKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a PBX base URL setting when a client is built, so that a bad one fails at start with a
 * message naming the setting rather than at the first call. Stateless.
 */
final class BaseUrl {
  private BaseUrl() {}

  /**
   * {@code url} checked and without trailing slashes; messages hide the key, should it be there.
   */
  static String checked(String setting, String url, PbxKey key) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(setting + ": is empty");
    }
    String trimmed = url.trim();
    String shown = "'" + key.redact(trimmed) + "'";
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException notUri) {
      throw new IllegalArgumentException(setting + ": " + shown + " is not a URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          setting + ": carries a user name or password, which the PBX API does not use");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(setting + ": " + shown + " is not an http or https URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          setting + ": " + shown + " has no host (or one Java cannot use, such as a name with _)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(setting + ": " + shown + " carries a query or fragment");
    }
    int end = trimmed.length();
    while (trimmed.charAt(end - 1) == '/') {
      end--;
    }
    return trimmed.substring(0, end);
  }
}
