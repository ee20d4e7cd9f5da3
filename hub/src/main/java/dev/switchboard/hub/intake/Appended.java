package dev.switchboard.hub.intake;

import java.util.OptionalLong;

/**
 * What became of a submitted event once committed: stored with its log sequence, or recognised as
 * an exact duplicate of one already stored (acknowledged, stored once).
 */
public record Appended(OptionalLong seq) {
  /** A duplicate. */
  public static final Appended DUPLICATE = new Appended(OptionalLong.empty());

  /** Whether the event was a duplicate. */
  public boolean duplicate() {
    return seq.isEmpty();
  }
}
