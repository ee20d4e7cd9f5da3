package dev.switchboard.hub.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One callback item: the unanswered inbound calls of one customer to one queue on one tenant-local
 * day, and what became of them.
 *
 * @param id stable id derived from tenant, number, queue, day and the first attempt
 * @param tenantId the tenant
 * @param phone the customer's E.164 number
 * @param queue the queue the calls went to (empty when none was reported)
 * @param day the tenant-local day of the first attempt
 * @param attempts the unanswered calls, oldest first (never empty)
 * @param resolution the later connected call that resolved it, if any
 * @param close the hand close, if any
 */
public record CallbackItem(
    String id,
    String tenantId,
    String phone,
    Optional<String> queue,
    LocalDate day,
    List<Attempt> attempts,
    Optional<Resolution> resolution,
    Optional<Close> close) {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** One unanswered call of the item. */
  public record Attempt(String callId, Instant at, String outcome) {}

  /** The connected call that resolved the item: by which extension, when, in which direction. */
  public record Resolution(
      String callId, Optional<String> extension, Instant at, String direction) {}

  /** A hand close: why, by whom, when. */
  public record Close(String reason, String by, Instant at) {}

  /** Validates the parts. */
  public CallbackItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(phone, "phone");
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a callback item has at least one attempt");
    }
  }

  /** The item with its hand close. */
  public CallbackItem closed(Optional<Close> close) {
    return new CallbackItem(id, tenantId, phone, queue, day, attempts, resolution, close);
  }

  /** open, resolved or closed: a hand close made before any resolution wins. */
  public String status() {
    if (close.isPresent()
        && (resolution.isEmpty() || !close.get().at().isAfter(resolution.get().at()))) {
      return "closed";
    }
    return resolution.isPresent() ? "resolved" : "open";
  }

  /** When the first call came in. */
  public Instant openedAt() {
    return attempts.get(0).at();
  }

  /** When the last call came in. */
  public Instant lastAttemptAt() {
    return attempts.get(attempts.size() - 1).at();
  }

  /** Whether an agent's outbound call resolved it (a callback, as opposed to the customer). */
  public boolean resolvedByCallback() {
    return status().equals("resolved") && resolution.get().direction().equals("outbound");
  }

  /** From the first attempt to the resolving call, when resolved. */
  public Optional<Duration> timeToCallback() {
    return status().equals("resolved")
        ? Optional.of(Duration.between(openedAt(), resolution.get().at()))
        : Optional.empty();
  }

  /** The item as JSON; with its attempts when {@code withAttempts}. */
  public ObjectNode toJson(boolean withAttempts) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("tenant", tenantId);
    node.put("phone", phone);
    node.put("queue", queue.orElse(null));
    node.put("day", day.toString());
    node.put("status", status());
    node.put("attempts_count", attempts.size());
    node.put("first_attempt_at", openedAt().toString());
    node.put("last_attempt_at", lastAttemptAt().toString());
    node.put("resolved_at", resolution.map(r -> r.at().toString()).orElse(null));
    node.put("resolved_by", resolution.flatMap(Resolution::extension).orElse(null));
    node.put("resolved_call", resolution.map(Resolution::callId).orElse(null));
    node.put("resolved_direction", resolution.map(Resolution::direction).orElse(null));
    node.put("closed_at", close.map(c -> c.at().toString()).orElse(null));
    node.put("closed_by", close.map(Close::by).orElse(null));
    node.put("close_reason", close.map(Close::reason).orElse(null));
    if (withAttempts) {
      var list = node.putArray("attempts");
      for (Attempt attempt : attempts) {
        list.addObject()
            .put("callid", attempt.callId())
            .put("at", attempt.at().toString())
            .put("outcome", attempt.outcome());
      }
    }
    return node;
  }
}
