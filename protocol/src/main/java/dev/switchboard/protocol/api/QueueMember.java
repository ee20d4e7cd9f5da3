package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.AgentState;
import java.util.Locale;

/**
 * One extension in a queue of a {@link QueueMembersReply}: {@code
 * {"ext":"101","paused":false,"penalty":0,"status":"on"}}.
 *
 * @param extension the member's extension
 * @param paused whether it is paused in this queue (see {@link QueueStatusUpdate})
 * @param penalty the queue's penalty for it (0 rings first); at least 0
 * @param status its phone's status, as in the extension-status API
 */
public record QueueMember(String extension, boolean paused, int penalty, AgentState status) {
  /** Validates every part. */
  public QueueMember {
    extension = Text.identifier("ext", extension, Text.MAX_IDENTIFIER);
    if (penalty < 0) {
      throw ProtocolException.field("penalty", "is negative");
    }
    Text.required("status", status);
  }

  void writeTo(ObjectNode member) {
    member.put("ext", extension);
    member.put("paused", paused);
    member.put("penalty", penalty);
    member.put("status", status.code());
  }

  /**
   * Reads one member. {@code paused} may be true/false, 0/1 or their text and defaults to false;
   * {@code penalty} may be a number or digits and defaults to 0.
   */
  static QueueMember read(JsonNode member, String at) {
    String extension = WireJson.identifier(member, "ext", at + ".ext");
    boolean paused = paused(WireJson.member(member, "paused"), at + ".paused");
    long penalty = WireJson.count(member, "penalty", at + ".penalty").orElse(0L);
    if (penalty > Integer.MAX_VALUE) {
      throw ProtocolException.field(at + ".penalty", "is too large");
    }
    String status = WireJson.identifier(member, "status", at + ".status");
    return WireJson.at(
        at, () -> new QueueMember(extension, paused, (int) penalty, AgentState.of(status)));
  }

  private static boolean paused(JsonNode node, String field) {
    if (node == null) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text =
        node.isIntegralNumber() || node.isTextual()
            ? node.asText().trim().toLowerCase(Locale.ROOT)
            : "";
    switch (text) {
      case "1":
      case "true":
        return true;
      case "0":
      case "false":
        return false;
      default:
        throw ProtocolException.field(field, "is not true, false, 1 or 0");
    }
  }
}
