package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A {@link Call} as the REST API and the live stream show it. Stateless. */
public final class CallJson {
  private static final ObjectMapper JSON = JsonMappers.create();

  private CallJson() {}

  /** The call's JSON: times in ISO-8601 UTC, durations in seconds, absent values as null. */
  public static ObjectNode toJson(Call call) {
    ObjectNode node = JSON.createObjectNode();
    node.put("tenant", call.tenantId());
    node.put("callid", call.callId());
    node.put("direction", call.direction().code());
    ObjectNode customer = node.putObject("customer");
    customer.put("phone", call.customer().flatMap(p -> p.e164()).orElse(null));
    customer.put("raw", call.customer().map(p -> p.raw()).orElse(null));
    node.put("did", call.did().orElse(null));
    node.put("queue", call.queue().orElse(null));
    node.put("state", call.state().code());
    node.put("outcome", call.outcome().map(Outcome::code).orElse(null));
    node.put("answered_by", call.answeredBy().orElse(null));
    var attempts = node.putArray("attempts");
    for (Attempt attempt : call.attempts()) {
      ObjectNode item = attempts.addObject();
      item.put("extension", attempt.extension());
      item.put("result", attempt.result().code());
      item.put("at", attempt.at().toString());
    }
    time(node, "first_seen_at", Optional.of(call.firstSeenAt()));
    time(node, "ringing_at", call.ringingAt());
    time(node, "answered_at", call.answeredAt());
    time(node, "ended_at", call.endedAt());
    time(node, "calldate", call.calldate());
    seconds(node, "duration", call.duration());
    seconds(node, "billsec", call.billsec());
    seconds(node, "holdtime", call.holdtime());
    node.put("recording_url", call.recordingUrl().orElse(null));
    return node;
  }

  private static void time(ObjectNode node, String name, Optional<Instant> value) {
    node.put(name, value.map(Instant::toString).orElse(null));
  }

  private static void seconds(ObjectNode node, String name, Optional<Duration> value) {
    if (value.isPresent()) {
      node.put(name, value.get().toSeconds());
    } else {
      node.putNull(name);
    }
  }
}
