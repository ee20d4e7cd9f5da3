package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The queue figures of a set of calls, as the large contact-center platforms define them
 * (PROTOCOL-NOTES, "KPIs"), with the tenant's variants ({@link KpiSettings}); the one
 * implementation the wallboard's today and every report use. The counts are kept; rates are worked
 * out when written. Not thread-safe.
 */
public final class QueueFigures {
  int offered;
  int answered;
  int abandoned;
  int shortAbandons;
  int answeredInServiceLevel;
  int abandonedAfterServiceLevel;
  int waited;
  long waitSecondsOfAnswered;
  long maxWaitSeconds;
  int talked;
  long talkSeconds;

  /** Counts one call of the queue, with the thresholds of {@code settings}. */
  public void add(CallFacts call, KpiSettings settings) {
    offered++;
    long wait = call.waitSeconds().orElse(0L);
    if (call.waitSeconds().isPresent() && (call.answered() || call.abandoned())) {
      maxWaitSeconds = Math.max(maxWaitSeconds, wait);
    }
    if (call.abandoned()) {
      abandoned++;
      if (wait < settings.shortAbandonSeconds()) {
        shortAbandons++;
      }
      if (wait > settings.serviceLevelSeconds()) {
        abandonedAfterServiceLevel++;
      }
    }
    if (call.answered()) {
      answered++;
      if (call.waitSeconds().isPresent()) {
        waited++;
        waitSecondsOfAnswered += wait;
      }
      if (wait <= settings.serviceLevelSeconds()) {
        answeredInServiceLevel++;
      }
      call.talkSeconds()
          .ifPresent(
              talk -> {
                talked++;
                talkSeconds += talk;
              });
    }
  }

  /** Adds another set's counts (counted with the same thresholds). */
  public void add(QueueFigures other) {
    offered += other.offered;
    answered += other.answered;
    abandoned += other.abandoned;
    shortAbandons += other.shortAbandons;
    answeredInServiceLevel += other.answeredInServiceLevel;
    abandonedAfterServiceLevel += other.abandonedAfterServiceLevel;
    waited += other.waited;
    waitSecondsOfAnswered += other.waitSecondsOfAnswered;
    maxWaitSeconds = Math.max(maxWaitSeconds, other.maxWaitSeconds);
    talked += other.talked;
    talkSeconds += other.talkSeconds;
  }

  /** Calls offered. */
  public int offered() {
    return offered;
  }

  /**
   * Writes the figures into {@code out}: counts, and rates as fractions (null where nothing was
   * offered or answered); seconds as numbers.
   */
  public void writeTo(ObjectNode out, KpiSettings settings) {
    int counted = settings.shortAbandonsExcluded() ? offered - shortAbandons : offered;
    int abandonedCounted = settings.shortAbandonsExcluded() ? abandoned - shortAbandons : abandoned;
    out.put("offered", offered);
    out.put("answered", answered);
    out.put("abandoned", abandoned);
    out.put("short_abandons", shortAbandons);
    ratio(out, "answer_rate", answered, counted);
    ratio(out, "abandon_rate", abandonedCounted, counted);
    int slBase =
        switch (settings.serviceLevelDenominator()) {
          case OFFERED -> counted;
          case ANSWERED_AND_LATE_ABANDONS -> answered + abandonedAfterServiceLevel;
        };
    ratio(out, "service_level", answeredInServiceLevel, slBase);
    out.put("answered_within_threshold", answeredInServiceLevel);
    out.put("service_level_seconds", settings.serviceLevelSeconds());
    ratio(out, "asa_seconds", waitSecondsOfAnswered, waited);
    out.put("longest_wait_seconds", maxWaitSeconds);
    ratio(out, "aht_seconds", talkSeconds, talked);
    out.put("talk_seconds", talkSeconds);
  }

  static void ratio(ObjectNode out, String name, double part, double whole) {
    if (whole <= 0) {
      out.putNull(name);
    } else {
      out.put(name, part / whole);
    }
  }
}
