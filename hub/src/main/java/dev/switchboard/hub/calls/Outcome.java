package dev.switchboard.hub.calls;

import java.util.Locale;

/**
 * How an ended call turned out: answered; missed (the customer hung up in the queue, or an inbound
 * call ended unanswered); no answer; busy; failed; unknown (it never ended and was swept, or the
 * PBX reported a status the documents do not list).
 */
public enum Outcome {
  ANSWERED,
  MISSED,
  NO_ANSWER,
  BUSY,
  FAILED,
  UNKNOWN;

  /** Lower-case name used in JSON and the database ({@code no_answer}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome with this code. */
  public static Outcome ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
