package dev.switchboard.hub.intake;

/** The intake queue is full: the event was not taken; the sender should retry. */
public final class OverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OverloadedException(int capacity) {
    super("intake is overloaded (" + capacity + " events waiting); retry later");
  }
}
