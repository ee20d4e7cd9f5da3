package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;

/**
 * Each figure's definition, in English, returned beside the figures (the console shows the same
 * texts from its language bundles). Stateless.
 */
final class Definitions {
  private static final ObjectMapper JSON = JsonMappers.create();

  private Definitions() {}

  static ObjectNode of(KpiSettings s) {
    String base =
        s.shortAbandonsExcluded()
            ? "offered minus short abandons"
            : "offered (short abandons included)";
    ObjectNode d = JSON.createObjectNode();
    d.put("offered", "calls of the queue first seen by the hub in the range, whatever their end");
    d.put("answered", "offered calls answered by an agent");
    d.put(
        "abandoned",
        "offered calls the customer hung up on while waiting in the queue (short abandons"
            + " included)");
    d.put(
        "short_abandons",
        "abandoned calls that waited less than " + s.shortAbandonSeconds() + " s");
    d.put("answer_rate", "answered / " + base);
    d.put(
        "abandon_rate",
        (s.shortAbandonsExcluded() ? "(abandoned - short abandons)" : "abandoned") + " / " + base);
    d.put(
        "service_level",
        "calls answered within "
            + s.serviceLevelSeconds()
            + " s of waiting / "
            + switch (s.serviceLevelDenominator()) {
              case OFFERED -> base;
              case ANSWERED_AND_LATE_ABANDONS ->
                  "(answered + abandoned after " + s.serviceLevelSeconds() + " s)";
            });
    d.put(
        "asa_seconds",
        "average speed of answer: mean wait of the answered calls (the PBX's holdtime, else from"
            + " the hub first seeing the call to its answer)");
    d.put("longest_wait_seconds", "the longest wait of an answered or abandoned call");
    d.put(
        "aht_seconds",
        "average handle time: mean talk time (billsec) of the answered calls that ended; the PBX"
            + " reports no hold or wrap-up time, so neither is in it");
    d.put("talk_seconds", "talk time (billsec) of the answered calls that ended");
    d.put(
        "missed",
        "calls of the queue that rang the agent without being answered (no answer, busy)");
    d.put(
        "occupancy",
        "talk / (talk + available), from the agent status history overlapping the range (all of"
            + " the agent's calls, not only the queue's)");
    d.put("pause_seconds", "time in status pause within the range, from the agent status history");
    return d;
  }
}
