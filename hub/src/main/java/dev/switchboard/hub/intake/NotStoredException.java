package dev.switchboard.hub.intake;

/**
 * The event was not stored: the database could not be reached, or the event was not written in time
 * and was withdrawn before the writer took it. The sender should retry. When {@link #inDoubt()},
 * the database went away while this very event was being committed, so it may be stored after all;
 * a retry is then recognised as a repeated delivery and stored once.
 */
public final class NotStoredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean inDoubt;

  NotStoredException(String message, boolean inDoubt, Throwable cause) {
    super(message, cause);
    this.inDoubt = inDoubt;
  }

  /** Whether the event may have been stored after all. */
  public boolean inDoubt() {
    return inDoubt;
  }
}
