package dev.switchboard.hub.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent phone's live status and since when: off, on, pause, ring, talk (or a value the PBX sent
 * that the documents do not list).
 *
 * @param tenantId the tenant
 * @param extension the agent's extension
 * @param status the status code
 * @param since when this status began
 * @param callId the call that put the agent in this status (ring, talk), if it came from a call
 * @param lastSeq the log sequence of the event that set it
 */
public record AgentStatus(
    String tenantId,
    String extension,
    String status,
    Instant since,
    Optional<String> callId,
    long lastSeq) {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** All parts are required. */
  public AgentStatus {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(callId, "callId");
  }

  /** The status as the API and the stream show it. */
  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("tenant", tenantId);
    node.put("extension", extension);
    node.put("status", status);
    node.put("since", since.toString());
    node.put("callid", callId.orElse(null));
    return node;
  }
}
