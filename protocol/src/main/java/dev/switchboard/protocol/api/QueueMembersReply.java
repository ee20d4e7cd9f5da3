package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The PBX's answer to a {@link QueueMembersRequest}, as the emulator defines it (the documents give
 * no reply): {@code
 * {"result":[{"queue":"999","name":"sales","members":[{"ext":"101","paused":false,"penalty":0,"status":"on"}]}]}}.
 *
 * @param result every queue with its members
 */
public record QueueMembersReply(List<QueueMembers> result) {
  /** Copies the list; it may be empty. */
  public QueueMembersReply {
    result = List.copyOf(Text.required("result", result));
  }

  /** The body, compact. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    ArrayNode list = body.putArray("result");
    result.forEach(queue -> queue.writeTo(list.addObject()));
    return JsonMappers.text(body);
  }

  /**
   * Reads the body. The error shape {@code {"result":null,"message":"..."}} is reported with the
   * PBX's message; see {@link PbxReply#parse} to tell it apart first.
   */
  public static QueueMembersReply parse(String body) {
    JsonNode result = WireJson.result(WireJson.readObject(body));
    if (!result.isArray()) {
      throw ProtocolException.field("result", "is not a list");
    }
    ArrayNode list = (ArrayNode) result;
    List<QueueMembers> queues = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "result[" + i + "]";
      queues.add(QueueMembers.read(WireJson.element(list, i, at), at));
    }
    return new QueueMembersReply(queues);
  }
}
