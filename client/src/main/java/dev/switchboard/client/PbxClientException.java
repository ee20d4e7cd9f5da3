package dev.switchboard.client;

/**
 * The root of every failure {@link PbxClient} reports: {@link PbxRejectedKeyException}, {@link
 * PbxRefusedException} and {@link UnableToReachPbxException} say which; the root itself is thrown
 * only when the calling thread is interrupted while it waits for the PBX (its interrupt flag is set
 * again). Messages name the PBX's base URL and the call, and never contain the company key.
 */
public class PbxClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, which must not hold the key. */
  protected PbxClientException(String message) {
    super(message);
  }

  /**
   * A failure described by {@code message} (which must not hold the key) caused by {@code cause}.
   */
  protected PbxClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
