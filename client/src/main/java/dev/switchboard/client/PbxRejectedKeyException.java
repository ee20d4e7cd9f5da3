package dev.switchboard.client;

/**
 * The PBX rejected the company key (or, for click-to-call, the key and domain): it answered HTTP
 * 401 or 403. Not worth retrying until the key or domain is corrected.
 */
public final class PbxRejectedKeyException extends PbxClientException {
  private static final long serialVersionUID = 1L;

  private final int status;

  PbxRejectedKeyException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the PBX answered with: 401 or 403. */
  public int status() {
    return status;
  }
}
