package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.protocol.JsonMappers;
import java.util.Objects;

/**
 * A tenant's KPI definitions.
 *
 * @param serviceLevelSeconds a call answered after waiting at most this long counts within the
 *     service level (1 to 600)
 * @param shortAbandonSeconds a call abandoned after waiting less than this is a short abandon (0 to
 *     120; 0: none)
 * @param shortAbandonsExcluded whether short abandons are left out of offered for the answer rate,
 *     abandon rate and service level
 * @param serviceLevelDenominator what the service level divides by
 */
public record KpiSettings(
    int serviceLevelSeconds,
    int shortAbandonSeconds,
    boolean shortAbandonsExcluded,
    ServiceLevelDenominator serviceLevelDenominator) {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** The defaults: 20 s, 5 s, short abandons excluded, service level over offered. */
  public static final KpiSettings DEFAULTS =
      new KpiSettings(20, 5, true, ServiceLevelDenominator.OFFERED);

  /** Validates the ranges. */
  public KpiSettings {
    if (serviceLevelSeconds < 1 || serviceLevelSeconds > 600) {
      throw new IllegalArgumentException("service_level_seconds must be from 1 to 600");
    }
    if (shortAbandonSeconds < 0 || shortAbandonSeconds > 120) {
      throw new IllegalArgumentException("short_abandon_seconds must be from 0 to 120");
    }
    Objects.requireNonNull(serviceLevelDenominator, "serviceLevelDenominator");
  }

  /** The JSON of {@code GET /v1/settings/kpi}. */
  public ObjectNode toJson() {
    return JSON.createObjectNode()
        .put("service_level_seconds", serviceLevelSeconds)
        .put("short_abandon_seconds", shortAbandonSeconds)
        .put("short_abandons_excluded", shortAbandonsExcluded)
        .put("service_level_denominator", serviceLevelDenominator.code());
  }

  /**
   * The settings a {@code PUT} body asks for: every field present replaces the current value, an
   * unknown field or a value of the wrong type is refused with 400 naming it.
   */
  public KpiSettings with(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body must be a JSON object");
    }
    var names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!toJson().has(name)) {
        throw ApiException.badRequest("unknown field '" + name + "'");
      }
    }
    int level = whole(body, "service_level_seconds", serviceLevelSeconds);
    int shortAbandon = whole(body, "short_abandon_seconds", shortAbandonSeconds);
    boolean excluded = shortAbandonsExcluded;
    if (body.has("short_abandons_excluded")) {
      if (!body.get("short_abandons_excluded").isBoolean()) {
        throw ApiException.badRequest("short_abandons_excluded must be true or false");
      }
      excluded = body.get("short_abandons_excluded").asBoolean();
    }
    ServiceLevelDenominator denominator = serviceLevelDenominator;
    if (body.has("service_level_denominator")) {
      JsonNode value = body.get("service_level_denominator");
      denominator =
          ServiceLevelDenominator.ofCode(value.isTextual() ? value.asText() : "")
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "service_level_denominator must be 'offered' or"
                              + " 'answered_and_late_abandons'"));
    }
    try {
      return new KpiSettings(level, shortAbandon, excluded, denominator);
    } catch (IllegalArgumentException outOfRange) {
      throw ApiException.badRequest(outOfRange.getMessage());
    }
  }

  private static int whole(JsonNode body, String name, int current) {
    if (!body.has(name)) {
      return current;
    }
    JsonNode value = body.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.badRequest(name + " must be a whole number of seconds");
    }
    return value.asInt();
  }
}
