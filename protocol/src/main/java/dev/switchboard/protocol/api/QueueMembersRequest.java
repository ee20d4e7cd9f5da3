package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.internal.Text;
import java.util.Optional;

/**
 * Asks for the extensions of every queue: {@code POST /api/Agent/all_members/format/json} with
 * {@code {"key":"..."}}. The reply is a {@link QueueMembersReply}.
 *
 * @param key the company key
 */
public record QueueMembersRequest(PbxKey key) implements PbxRequest {
  /** Requires the key. */
  public QueueMembersRequest {
    Text.required("key", key);
  }

  @Override
  public PbxApiPath apiPath() {
    return PbxApiPath.QUEUE_MEMBERS;
  }

  @Override
  public Optional<String> body() {
    return Optional.of(toJson());
  }

  /** The body, compact: {@code {"key":"..."}}. Holds the key. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.put("key", key.value());
    return JsonMappers.text(body);
  }

  /** Reads the body (any spacing). */
  public static QueueMembersRequest parse(String body) {
    return new QueueMembersRequest(WireJson.key(WireJson.readObject(body)));
  }
}
