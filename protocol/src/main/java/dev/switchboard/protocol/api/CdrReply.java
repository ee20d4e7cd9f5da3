package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PBX's answer to a {@link CdrQuery}, as a real VoiceCloud PBX writes it: {@code
 * {"result":[{"direction":"Inbound","queue_name":"999",...}],"total":2}}, {@code total} being the
 * number of rows. Read tolerantly: the older shape without {@code total} (and with the rows' counts
 * as JSON numbers) is read too.
 *
 * @param result the call records, in the PBX's order; may be empty
 * @param total how many records the PBX says the reply holds, when it says
 */
public record CdrReply(List<CdrEntry> result, Optional<Long> total) {
  /** Copies the list; a total is never negative. */
  public CdrReply {
    result = List.copyOf(Text.required("result", result));
    Text.required("total", total)
        .filter(value -> value < 0)
        .ifPresent(
            value -> {
              throw ProtocolException.field("total", "is negative");
            });
  }

  /** A reply of {@code result} as the PBX writes it: its total is the number of rows. */
  public CdrReply(List<CdrEntry> result) {
    this(result, Optional.of((long) Text.required("result", result).size()));
  }

  /** Whether the PBX says it has more records than the reply holds (a truncated report). */
  public boolean isTruncated() {
    return total.filter(value -> value > result.size()).isPresent();
  }

  /** The body, compact, in the real report's shape (see {@link CdrEntry}). */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    ArrayNode list = body.putArray("result");
    result.forEach(entry -> entry.writeTo(list.addObject()));
    total.ifPresent(value -> body.put("total", value));
    return JsonMappers.text(body);
  }

  /**
   * Reads the body (see {@link CdrEntry} for what is tolerated); {@code total} may be a number or
   * digits in text, or absent. The error shape {@code {"result":null,"message":"..."}} is reported
   * with the PBX's message; see {@link PbxReply#parse} to tell it apart first.
   */
  public static CdrReply parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    JsonNode result = WireJson.result(root);
    if (!result.isArray()) {
      throw ProtocolException.field("result", "is not a list");
    }
    ArrayNode list = (ArrayNode) result;
    List<CdrEntry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "result[" + i + "]";
      entries.add(CdrEntry.read(WireJson.element(list, i, at), at));
    }
    return new CdrReply(entries, WireJson.count(root, "total", "total"));
  }
}
