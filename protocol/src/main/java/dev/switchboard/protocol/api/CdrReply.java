package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The PBX's answer to a {@link CdrQuery}: {@code {"result":[{"callid":"...","calldate":"...",
 * ...}]}}, read the way public CRM integrations read it.
 *
 * @param result the call records, in the PBX's order; may be empty
 */
public record CdrReply(List<CdrEntry> result) {
  /** Copies the list. */
  public CdrReply {
    result = List.copyOf(Text.required("result", result));
  }

  /** The body, compact; absent fields are left out. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    ArrayNode list = body.putArray("result");
    result.forEach(entry -> entry.writeTo(list.addObject()));
    return body.toString();
  }

  /**
   * Reads the body (see {@link CdrEntry} for what is tolerated). The error shape {@code
   * {"result":null,"message":"..."}} is reported with the PBX's message; see {@link PbxReply#parse}
   * to tell it apart first.
   */
  public static CdrReply parse(String body) {
    JsonNode result = WireJson.result(WireJson.readObject(body));
    if (!result.isArray()) {
      throw ProtocolException.field("result", "is not a list");
    }
    ArrayNode list = (ArrayNode) result;
    List<CdrEntry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "result[" + i + "]";
      entries.add(CdrEntry.read(WireJson.element(list, i, at), at));
    }
    return new CdrReply(entries);
  }
}
