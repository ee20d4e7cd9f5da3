package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the figures need of one call record (as {@code CallJson} writes it).
 *
 * @param queue the queue, if any
 * @param answered answered (ended answered, or talking now)
 * @param abandoned the customer hung up waiting (outcome {@code missed})
 * @param waitSeconds how long the customer waited: the PBX's {@code holdtime} when it gave one,
 *     else from the hub first seeing the call to its answer (answered) or end (abandoned)
 * @param agent the extension that answered
 * @param talkSeconds talk time ({@code billsec}) of an answered call that has ended
 * @param missedRings the extensions that were rung and did not answer (no answer or busy)
 */
public record CallFacts(
    Optional<String> queue,
    boolean answered,
    boolean abandoned,
    Optional<Long> waitSeconds,
    Optional<String> agent,
    Optional<Long> talkSeconds,
    Set<String> missedRings) {

  /** Copies the set. */
  public CallFacts {
    missedRings = Set.copyOf(missedRings);
  }

  /** The facts of {@code call}. */
  public static CallFacts of(JsonNode call) {
    String outcome = call.path("outcome").asText();
    boolean ended = call.path("state").asText().equals("ended");
    boolean answered = outcome.equals("answered") || call.path("state").asText().equals("talking");
    boolean abandoned = outcome.equals("missed");
    Optional<Long> wait = Optional.empty();
    if (call.hasNonNull("holdtime")) {
      wait = Optional.of(Math.max(0, call.get("holdtime").asLong()));
    } else if (answered) {
      wait = between(call, "answered_at");
    } else if (abandoned) {
      wait = between(call, "ended_at");
    }
    Set<String> missed = new LinkedHashSet<>();
    for (JsonNode attempt : call.path("attempts")) {
      String result = attempt.path("result").asText();
      if (result.equals("no_answer") || result.equals("busy")) {
        missed.add(attempt.path("extension").asText());
      }
    }
    return new CallFacts(
        text(call, "queue"),
        answered,
        abandoned,
        wait,
        answered ? text(call, "answered_by") : Optional.empty(),
        answered && ended && call.hasNonNull("billsec")
            ? Optional.of(call.get("billsec").asLong())
            : Optional.empty(),
        missed);
  }

  private static Optional<Long> between(JsonNode call, String end) {
    if (!call.hasNonNull(end) || !call.hasNonNull("first_seen_at")) {
      return Optional.empty();
    }
    long seconds =
        Duration.between(
                Instant.parse(call.get("first_seen_at").asText()),
                Instant.parse(call.get(end).asText()))
            .toSeconds();
    return Optional.of(Math.max(0, seconds));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) && !node.get(field).asText().isEmpty()
        ? Optional.of(node.get(field).asText())
        : Optional.empty();
  }
}
