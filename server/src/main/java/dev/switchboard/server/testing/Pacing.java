package dev.switchboard.server.testing;

import java.time.Duration;

/**
 * How a request's bytes are sent: all at once, in small pieces with a gap between them, stalled
 * once at an offset, or abandoned there (the client closes without sending the rest).
 *
 * @param pieceSize bytes sent at a time
 * @param gap the pause between pieces
 * @param stallAt the offset of the one long pause, or -1
 * @param stall how long it lasts
 * @param abandon whether the client closes at {@code stallAt}, after the pause, instead of going on
 */
public record Pacing(int pieceSize, Duration gap, int stallAt, Duration stall, boolean abandon) {
  /** Validates the sizes. */
  public Pacing {
    if (pieceSize < 1) {
      throw new IllegalArgumentException("pieceSize must be positive");
    }
  }

  /** Everything in one write. */
  public static Pacing atOnce() {
    return new Pacing(Integer.MAX_VALUE, Duration.ZERO, -1, Duration.ZERO, false);
  }

  /** {@code pieceSize} bytes at a time, {@code gap} apart. */
  public static Pacing inPieces(int pieceSize, Duration gap) {
    return new Pacing(pieceSize, gap, -1, Duration.ZERO, false);
  }

  /** All at once but for one pause of {@code stall} at {@code offset}. */
  public static Pacing stalled(int offset, Duration stall) {
    return new Pacing(Integer.MAX_VALUE, Duration.ZERO, offset, stall, false);
  }

  /** The first {@code offset} bytes, a wait of {@code wait}, then the client closes. */
  public static Pacing abandoned(int offset, Duration wait) {
    return new Pacing(Integer.MAX_VALUE, Duration.ZERO, offset, wait, true);
  }

  /** Whether sending takes noticeable time (such requests are run a few at a time, in parallel). */
  public boolean slow() {
    return stallAt >= 0 || !gap.isZero();
  }
}
