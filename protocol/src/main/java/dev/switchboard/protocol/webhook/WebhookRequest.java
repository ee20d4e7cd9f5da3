package dev.switchboard.protocol.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook ready to send: its path and fields, as a GET URL under the CRM's base URL (the
 * documents' way), a form body, or a JSON body.
 */
public record WebhookRequest(WebhookPath path, RawFields fields) {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** The User-Agent of a real PBX's webhooks: it sends them with curl. */
  public static final String USER_AGENT = "curl/7.81.0";

  /**
   * The headers a real VoiceCloud PBX sends with a GET webhook, seen in captures of its requests
   * (PROTOCOL-NOTES): curl's, with a form content type although a GET has no body.
   */
  public static final Map<String, String> GET_HEADERS =
      Map.of(
          "Accept", "*/*",
          "User-Agent", USER_AGENT,
          "Content-Type", "application/x-www-form-urlencoded");

  /** The same with a JSON body, for a CRM that takes webhooks as POST JSON. */
  public static final Map<String, String> JSON_HEADERS =
      Map.of("Accept", "*/*", "User-Agent", USER_AGENT, "Content-Type", "application/json");

  /** Both parts are required. */
  public WebhookRequest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fields, "fields");
  }

  /**
   * The GET URL under {@code crmBaseUrl}, which may carry a path prefix: {@code
   * http://crm/crm_call} gives {@code http://crm/crm_call/api/callcenter/call_in?...}.
   */
  public String url(String crmBaseUrl) {
    String base =
        crmBaseUrl.endsWith("/") ? crmBaseUrl.substring(0, crmBaseUrl.length() - 1) : crmBaseUrl;
    return base + pathAndQuery();
  }

  /** The path and query string, e.g. {@code /api/callcenter/hangup?callid=...}. */
  public String pathAndQuery() {
    return path.path() + "?" + fields.toQuery();
  }

  /** The fields as an {@code application/x-www-form-urlencoded} body. */
  public String formBody() {
    return fields.toQuery();
  }

  /** The fields as a JSON object of text values, in the documents' order. */
  public String jsonBody() {
    ObjectNode body = JSON.createObjectNode();
    fields.fields().forEach(field -> body.put(field.name(), field.value()));
    return JsonMappers.text(body);
  }
}
