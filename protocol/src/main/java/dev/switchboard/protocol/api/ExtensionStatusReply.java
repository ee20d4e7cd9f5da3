package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.AgentState;
import java.util.ArrayList;
import java.util.List;

/**
 * The PBX's answer to an {@link ExtensionStatusRequest}, as the emulator writes it (the documents
 * give no reply): {@code {"result":[{"ext":"100","status":"on"}]}}.
 *
 * @param result one status per extension asked about
 */
public record ExtensionStatusReply(List<ExtensionStatus> result) {
  /** Copies the list; it may be empty. */
  public ExtensionStatusReply {
    result = List.copyOf(Text.required("result", result));
  }

  /** The body, compact. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    ArrayNode list = body.putArray("result");
    for (ExtensionStatus status : result) {
      list.addObject().put("ext", status.extension()).put("status", status.status().code());
    }
    return JsonMappers.text(body);
  }

  /**
   * Reads the body. Status values are read as {@link AgentState#of} reads them. The error shape
   * {@code {"result":null,"message":"..."}} is reported with the PBX's message; see {@link
   * PbxReply#parse} to tell it apart first.
   */
  public static ExtensionStatusReply parse(String body) {
    JsonNode result = WireJson.result(WireJson.readObject(body));
    if (!result.isArray()) {
      throw ProtocolException.field("result", "is not a list");
    }
    ArrayNode list = (ArrayNode) result;
    List<ExtensionStatus> statuses = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "result[" + i + "]";
      JsonNode element = WireJson.element(list, i, at);
      String extension = WireJson.identifier(element, "ext", at + ".ext");
      String status = WireJson.identifier(element, "status", at + ".status");
      statuses.add(WireJson.at(at, () -> new ExtensionStatus(extension, AgentState.of(status))));
    }
    return new ExtensionStatusReply(statuses);
  }
}
