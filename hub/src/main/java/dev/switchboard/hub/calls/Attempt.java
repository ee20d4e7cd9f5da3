package dev.switchboard.hub.calls;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One extension rung for a call, and how that went.
 *
 * @param extension the agent's extension
 * @param result ringing (not over yet), answered, no_answer or busy
 * @param at when the hub first heard of this attempt
 */
public record Attempt(String extension, Result result, Instant at) {
  /** How one ring attempt went. */
  public enum Result {
    RINGING,
    NO_ANSWER,
    BUSY,
    ANSWERED;

    /** Lower-case name used in JSON. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** All parts are required. */
  public Attempt {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(at, "at");
  }
}
