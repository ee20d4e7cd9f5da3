package dev.switchboard.hub.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One change pushed on the live stream, committed with the log event {@code seq}.
 *
 * @param seq the log sequence of the event that caused it (the SSE event id)
 * @param tenantId the tenant
 * @param kind {@code call}, {@code agent}, {@code screen_pop} or {@code callback}
 * @param extensions the extensions it concerns (for the stream's extension filter)
 * @param queue the queue it concerns (for the stream's queue filter)
 * @param data the JSON payload
 */
public record Change(
    long seq,
    String tenantId,
    Kind kind,
    Set<String> extensions,
    Optional<String> queue,
    ObjectNode data) {

  /** What changed. */
  public enum Kind {
    CALL("call"),
    AGENT("agent"),
    SCREEN_POP("screen_pop"),
    CALLBACK("callback");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    /** The SSE event name. */
    public String eventName() {
      return eventName;
    }
  }

  /** All parts are required. */
  public Change {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    extensions = Set.copyOf(extensions);
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(data, "data");
  }
}
