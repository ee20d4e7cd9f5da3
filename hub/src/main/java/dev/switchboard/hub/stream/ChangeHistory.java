package dev.switchboard.hub.stream;

import java.util.function.Predicate;

/** The changes committed after a given log sequence, for a client resuming the stream. */
public interface ChangeHistory {

  /** How a replay ended. */
  enum Outcome {
    /** Everything missed was handed over. */
    COMPLETE,
    /** More log events than the replay may read came after the client's id: reload instead. */
    TOO_FAR_BEHIND,
    /** Rebuilding what was missed would cost more than one replay may: reload instead. */
    CUT,
    /** The sink refused a change (the client is gone): the replay stopped there. */
    ABANDONED
  }

  /**
   * Hands the changes after {@code lastSeq} to {@code sink}, in sequence order, computing each only
   * just before it is handed over, and stops as soon as {@code sink} returns false.
   */
  Outcome replay(long lastSeq, Predicate<Change> sink);

  /** The highest committed log sequence. */
  long lastSeq();
}
