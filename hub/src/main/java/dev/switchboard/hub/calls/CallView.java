package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.phone.PhoneNumber;

/**
 * A stored call record as a reader sees it: with the customer's number in national format ({@code
 * phone_national}) and the hub's link to the recording ({@code recording}); for a console session
 * without the PBX's own recording URL, which never reaches a browser. Stateless.
 */
public final class CallView {
  private CallView() {}

  /** A copy of {@code record} for a session ({@code session}) or the API token. */
  public static ObjectNode of(ObjectNode record, boolean session) {
    ObjectNode view = record.deepCopy();
    view.put("phone_national", national(record.path("customer")));
    boolean recorded = record.hasNonNull("recording_url");
    view.put(
        "recording",
        recorded ? "/v1/calls/" + record.path("callid").asText() + "/recording" : null);
    if (session) {
      view.remove("recording_url");
    }
    return view;
  }

  /**
   * A logged event of a call's timeline for a session: the PBX's recording URL masked in what was
   * understood ({@code fields.recordingfile}) and in what was received ({@code raw.text}).
   */
  public static JsonNode ofEvent(ObjectNode event, String callId, boolean session) {
    if (!session) {
      return event;
    }
    ObjectNode view = event.deepCopy();
    if (view.path("fields").hasNonNull("recordingfile")) {
      ((ObjectNode) view.get("fields")).put("recordingfile", "/v1/calls/" + callId + "/recording");
    }
    if (view.path("raw").path("text").isTextual()) {
      String text = view.get("raw").get("text").asText();
      String masked =
          text.replaceAll("(?i)(recordingfile=)[^&]*", "$1***")
              .replaceAll("(?i)(\"recordingfile\"\\s*:\\s*\")[^\"]*", "$1***");
      ((ObjectNode) view.get("raw")).put("text", masked);
    }
    return view;
  }

  /** The national form of a {@code customer} object ({@code phone}, {@code raw}); null if none. */
  public static String national(JsonNode customer) {
    String raw = customer.hasNonNull("raw") ? customer.get("raw").asText() : null;
    String e164 = customer.hasNonNull("phone") ? customer.get("phone").asText() : null;
    if (raw == null && e164 == null) {
      return null;
    }
    try {
      return PhoneNumber.parse(e164 != null ? e164 : raw).national();
    } catch (RuntimeException unreadable) {
      return raw;
    }
  }

  /** A stream change's data for a session or the token: call records inside it made views. */
  public static JsonNode ofChangeData(String kind, ObjectNode data, boolean session) {
    switch (kind) {
      case "call":
        return of(data, session);
      case "screen_pop":
        ObjectNode pop = data.deepCopy();
        if (data.path("call").isObject()) {
          pop.set("call", of((ObjectNode) data.get("call"), session));
        }
        if (data.path("recent_calls").isArray()) {
          var recent = pop.putArray("recent_calls");
          data.get("recent_calls").forEach(call -> recent.add(of((ObjectNode) call, session)));
        }
        pop.put("phone_national", national(data.path("customer")));
        return pop;
      default:
        return data;
    }
  }
}
