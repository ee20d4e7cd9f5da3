package dev.switchboard.protocol.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The PBX API's paths, as the documents write them, under the PBX base URL. Click-to-call is a GET
 * whose parameters follow the path; every other call is a POST of a JSON body.
 */
public enum PbxApiPath {
  /** Click-to-call: rings the agent's extension, then the customer. */
  DIAL("/api/CallControl/dial", "GET"),
  /** Click-to-call answered at once, before the agent's softphone picks up (v1). */
  DIAL_ASYNC("/api/CallControl/dial_async", "GET"),
  /** The status of a list of extensions. */
  EXTENSION_STATUS("/api/Agent/status/format/json", "POST"),
  /** One extension listens in on (or joins) another's call. */
  SPY("/api/Agent/spy/format/json", "POST"),
  /** The extensions of every queue. */
  QUEUE_MEMBERS("/api/Agent/all_members/format/json", "POST"),
  /** Pauses or unpauses an extension in its queues (no {@code /format/json} here). */
  QUEUE_STATUS_UPDATE("/api/Agent/update_status", "POST"),
  /** Call records of a date range; the report host may differ from the API host. */
  CDR("/internal/Reports/cdr/format/json", "POST");

  private final String path;
  private final String httpMethod;

  PbxApiPath(String path, String httpMethod) {
    this.path = path;
    this.httpMethod = httpMethod;
  }

  /** The path as the documents write it, e.g. {@code /api/Agent/status/format/json}. */
  public String path() {
    return path;
  }

  /** {@code GET} for click-to-call, {@code POST} for the others. */
  public String httpMethod() {
    return httpMethod;
  }

  /** Whether the request carries its parameters in the path (click-to-call) not a JSON body. */
  public boolean parametersInPath() {
    return this == DIAL || this == DIAL_ASYNC;
  }

  /**
   * The call a request path is for, whatever comes before the API path (a base URL with a path
   * prefix, or a whole URL); case-insensitive, trailing slashes, query and fragment tolerated.
   * Click-to-call paths are recognised with their parameters ({@code /api/CallControl/dial/...}).
   */
  public static Optional<PbxApiPath> fromRequestPath(String requestPath) {
    if (requestPath == null) {
      return Optional.empty();
    }
    String path = PathSegments.withoutQuery(requestPath.trim()).toLowerCase(Locale.ROOT);
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    path = "/" + path.substring(0, end);
    for (PbxApiPath candidate : values()) {
      String known = candidate.path.toLowerCase(Locale.ROOT);
      boolean matches =
          candidate.parametersInPath()
              ? path.endsWith(known) || path.contains(known + "/")
              : path.endsWith(known);
      if (matches) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
