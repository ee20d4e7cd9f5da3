package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.internal.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * One queue of a {@link QueueMembersReply} and its members: {@code
 * {"queue":"999","name":"sales","members":[...]}}.
 *
 * @param queue the queue's number
 * @param name its display name; may be empty
 * @param members its extensions, in the PBX's order; may be empty
 */
public record QueueMembers(String queue, String name, List<QueueMember> members) {
  /** Longest queue name accepted. */
  public static final int MAX_NAME_LENGTH = 128;

  /** Validates every part. */
  public QueueMembers {
    queue = Text.identifier("queue", queue, Text.MAX_IDENTIFIER);
    name = Text.printable("name", name, MAX_NAME_LENGTH).trim();
    members = List.copyOf(Text.required("members", members));
  }

  void writeTo(ObjectNode out) {
    out.put("queue", queue);
    out.put("name", name);
    ArrayNode list = out.putArray("members");
    members.forEach(member -> member.writeTo(list.addObject()));
  }

  /** Reads one queue; a missing {@code name} is empty, missing {@code members} an empty list. */
  static QueueMembers read(JsonNode queue, String at) {
    String number = WireJson.identifier(queue, "queue", at + ".queue");
    String name = WireJson.optionalIdentifier(queue, "name", at + ".name").orElse("");
    List<QueueMember> members = new ArrayList<>();
    if (WireJson.member(queue, "members") != null) {
      ArrayNode list = WireJson.array(queue, "members", at + ".members");
      for (int i = 0; i < list.size(); i++) {
        String memberAt = at + ".members[" + i + "]";
        members.add(QueueMember.read(WireJson.element(list, i, memberAt), memberAt));
      }
    }
    return WireJson.at(at, () -> new QueueMembers(number, name, members));
  }
}
