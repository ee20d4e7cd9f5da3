package dev.switchboard.pbx.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a scripted call goes (the control API's {@code POST /sim/calls}); the traffic generator uses
 * chance instead.
 */
public sealed interface Script {

  /**
   * Answered by {@code extension} (or the first agent rung) after {@code after}, then talks for
   * {@code talk}.
   */
  record Answer(Optional<String> extension, Duration after, Duration talk) implements Script {
    /** Validates the durations. */
    public Answer {
      Objects.requireNonNull(extension, "extension");
      requirePositive(after, "after");
      requirePositive(talk, "talk");
    }
  }

  /**
   * Rings {@code extension} (or the agent the queue picks) until the ring timeout; nobody answers.
   */
  record NoAnswer(Optional<String> extension) implements Script {}

  /** The caller hangs up after waiting {@code after}. */
  record Abandon(Duration after) implements Script {
    /** Validates the duration. */
    public Abandon {
      requirePositive(after, "after");
    }
  }

  /** The call is refused at once: busy. */
  record Busy() implements Script {}

  /**
   * Outbound only: the caller hangs up after the customer's phone rang for {@code after}, before
   * the customer answered (the PBX's CANCEL).
   */
  record Cancel(Duration after) implements Script {
    /** Validates the duration. */
    public Cancel {
      requirePositive(after, "after");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
