package dev.switchboard.pbx.dispatch;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a tenant's webhooks are sent.
 *
 * @param crmBaseUrl the CRM's base URL ({@code {CRM_URL}} in the seeds): {@code http} or {@code
 *     https}, possibly with a path prefix, which may carry a secret token (e.g. {@code
 *     http://hub/hooks/SECRET}); never printed, see {@link #toString()}
 * @param method GET with the query string (the seeds' way) or POST of a JSON body
 */
public record Destination(String crmBaseUrl, Method method) {

  /** How a webhook travels. */
  public enum Method {
    /** {@code GET {CRM_URL}/api/...?field=value&...}, as the seeds send it. */
    GET,
    /** {@code POST {CRM_URL}/api/...} with the fields as a JSON object of text values. */
    POST_JSON
  }

  /** Checks that the base URL is an absolute http(s) URL without a query string. */
  public Destination {
    Objects.requireNonNull(crmBaseUrl, "crmBaseUrl");
    Objects.requireNonNull(method, "method");
    URI uri;
    try {
      uri = URI.create(crmBaseUrl);
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException("CRM URL is not a valid URL", malformed);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("CRM URL must start with http:// or https://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("CRM URL has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("CRM URL must not carry a query string or a fragment");
    }
  }

  /** The seeds' way: GET with the query string. */
  public static Destination get(String crmBaseUrl) {
    return new Destination(crmBaseUrl, Method.GET);
  }

  /** POST of a JSON body to the same path. */
  public static Destination postJson(String crmBaseUrl) {
    return new Destination(crmBaseUrl, Method.POST_JSON);
  }

  /** Scheme, host and port only: the path may hold a secret token. */
  @Override
  public String toString() {
    URI uri = URI.create(crmBaseUrl);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return "Destination["
        + uri.getScheme()
        + "://"
        + uri.getHost()
        + port
        + "/..., "
        + method
        + "]";
  }
}
