package dev.switchboard.pbx.engine;

/**
 * A request the call center cannot carry out (unknown extension, busy agent...); the message says
 * why.
 */
public final class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the problem. */
  public EngineException(String message) {
    super(message);
  }
}
