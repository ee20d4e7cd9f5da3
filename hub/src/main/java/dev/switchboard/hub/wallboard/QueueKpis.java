package dev.switchboard.hub.wallboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A queue's figures for today, as defined in PROTOCOL-NOTES ("KPIs"): offered = calls of the queue
 * first seen today; answered and abandoned (outcome {@code missed}) among them; service level =
 * calls answered within {@value #SERVICE_LEVEL_SECONDS} s of waiting / offered; average speed of
 * answer = mean wait of the answered calls; average handle time = mean talk time ({@code billsec})
 * of the answered calls that have ended (hold and wrap-up are not reported by the PBX). A wait is
 * the PBX's {@code holdtime} when it gave one, else the time from the hub first seeing the call to
 * its answer. Not thread-safe: one per request.
 */
final class QueueKpis {
  static final int SERVICE_LEVEL_SECONDS = 20;

  private int offered;
  private int answered;
  private int abandoned;
  private int withinServiceLevel;
  private long waitSecondsOfAnswered;
  private int handled;
  private long talkSeconds;

  /** Counts one call of the queue first seen today. */
  void add(JsonNode call) {
    offered++;
    boolean isAnswered =
        call.path("outcome").asText().equals("answered")
            || (call.path("state").asText().equals("talking"));
    if (call.path("outcome").asText().equals("missed")) {
      abandoned++;
    }
    if (!isAnswered) {
      return;
    }
    answered++;
    long wait = wait(call).orElse(0L);
    waitSecondsOfAnswered += wait;
    if (wait <= SERVICE_LEVEL_SECONDS) {
      withinServiceLevel++;
    }
    if (call.path("state").asText().equals("ended") && call.hasNonNull("billsec")) {
      handled++;
      talkSeconds += call.get("billsec").asLong();
    }
  }

  private static Optional<Long> wait(JsonNode call) {
    if (call.hasNonNull("holdtime")) {
      return Optional.of(call.get("holdtime").asLong());
    }
    if (call.hasNonNull("answered_at") && call.hasNonNull("first_seen_at")) {
      long seconds =
          Duration.between(
                  Instant.parse(call.get("first_seen_at").asText()),
                  Instant.parse(call.get("answered_at").asText()))
              .toSeconds();
      return Optional.of(Math.max(0, seconds));
    }
    return Optional.empty();
  }

  /** Writes the {@code today} object of a queue card into {@code today}. */
  void writeTo(ObjectNode today) {
    today.put("offered", offered);
    today.put("answered", answered);
    today.put("abandoned", abandoned);
    if (offered == 0) {
      today.putNull("service_level");
    } else {
      today.put("service_level", (double) withinServiceLevel / offered);
    }
    today.put("service_level_seconds", SERVICE_LEVEL_SECONDS);
    if (answered == 0) {
      today.putNull("asa_seconds");
    } else {
      today.put("asa_seconds", (double) waitSecondsOfAnswered / answered);
    }
    if (handled == 0) {
      today.putNull("aht_seconds");
    } else {
      today.put("aht_seconds", (double) talkSeconds / handled);
    }
  }
}
