package dev.switchboard.pbx.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A queue (ring group): its number (what webhooks call {@code queue}, e.g. 999), name, how it picks
 * the agent to ring, how long each agent rings, how long a caller may wait, and its members.
 */
public record QueueSetup(
    String number,
    String name,
    Strategy strategy,
    Duration ringTimeout,
    Duration maxWait,
    List<Member> members) {

  /** How a queue picks whom to ring. */
  public enum Strategy {
    /** Every available member at once; the first to answer takes the call. */
    RINGALL,
    /** Members in turn, continuing after the last one rung. */
    ROUNDROBIN,
    /** The available member whose last call ended longest ago. */
    LEASTRECENT,
    /** Any available member. */
    RANDOM;

    /** Reads {@code ringall}, {@code roundrobin}, {@code leastrecent} or {@code random}. */
    public static Strategy parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException(
            "strategy '" + text + "' is not ringall, roundrobin, leastrecent or random");
      }
    }
  }

  /** A member: an extension and its penalty (lower is rung first). */
  public record Member(String extension, int penalty) {
    /** Validates the penalty. */
    public Member {
      Objects.requireNonNull(extension, "extension");
      if (penalty < 0) {
        throw new IllegalArgumentException("penalty of " + extension + " must not be negative");
      }
    }
  }

  /** Validates the timeouts and members. */
  public QueueSetup {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(strategy, "strategy");
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("ring timeout of queue " + number + " must be positive");
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("maximum wait of queue " + number + " must be positive");
    }
    members = List.copyOf(members);
  }
}
