package dev.switchboard.pbx.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One agent's phone: its extension, a name, how likely the agent answers a ringing call, and the
 * wrap-up time after each call during which no new call is offered.
 */
public record AgentSetup(String extension, String name, double answerProbability, Duration wrapUp) {
  /** Validates the extension, the probability (0..1) and the wrap-up (not negative). */
  public AgentSetup {
    Objects.requireNonNull(extension, "extension");
    if (!extension.matches("[0-9]{2,8}")) {
      throw new IllegalArgumentException("extension '" + extension + "' must be 2-8 digits");
    }
    Objects.requireNonNull(name, "name");
    if (answerProbability < 0 || answerProbability > 1) {
      throw new IllegalArgumentException(
          "answer probability of " + extension + " must be between 0 and 1");
    }
    if (wrapUp.isNegative()) {
      throw new IllegalArgumentException("wrap-up of " + extension + " must not be negative");
    }
  }
}
