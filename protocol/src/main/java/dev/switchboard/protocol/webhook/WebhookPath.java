package dev.switchboard.protocol.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five webhook paths a CRM serves under its base URL, with the fields each may carry in the
 * order the documents write them (v1's fields are a subsequence of v2's, so one order fits both).
 */
public enum WebhookPath {
  CALL_IN(
      "/api/callcenter/call_in", List.of("phone", "queue", "extension", "callid", "event", "did")),
  HANGUP("/api/callcenter/hangup", List.of("callid")),
  CALLDATA(
      "/api/callcenter/calldata",
      List.of(
          "callid",
          "calldate",
          "holdtime",
          "duration",
          "billsec",
          "status",
          "did",
          "queue",
          "extension",
          "phone",
          "direction",
          "recordingfile")),
  INIT("/api/callcenter/init", List.of("extension", "phone", "callid", "event")),
  AGENT_STATUS("/api/Agent/ChangeStatus", List.of("extension", "status"));

  private final String path;
  private final List<String> fields;

  WebhookPath(String path, List<String> fields) {
    this.path = path;
    this.fields = fields;
  }

  /** The path as the documents write it, e.g. {@code /api/callcenter/call_in}. */
  public String path() {
    return path;
  }

  /** The last path segment: {@code call_in}, {@code hangup}, ... {@code ChangeStatus}. */
  public String shortName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The fields the documents define for this path, in their order, lower case. */
  public List<String> fields() {
    return fields;
  }

  /**
   * The webhook a request path ends with, whatever comes before it (a CRM base URL may carry a
   * prefix such as {@code /crm_call}); case-insensitive, a trailing slash tolerated. Also accepts a
   * bare short name ({@code call_in}).
   */
  public static Optional<WebhookPath> fromRequestPath(String requestPath) {
    if (requestPath == null) {
      return Optional.empty();
    }
    String lower = requestPath.trim().toLowerCase(Locale.ROOT);
    while (lower.endsWith("/")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    for (WebhookPath candidate : values()) {
      String suffix = candidate.path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(suffix) || lower.equals(candidate.shortName().toLowerCase(Locale.ROOT))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
