package dev.switchboard.client;

/**
 * No usable answer from the PBX: the connection failed or timed out, the PBX did not answer within
 * the request timeout, or it failed on its side (HTTP 5xx, or 408 and 429, which ask to come back
 * later). Worth retrying later, hence {@link RetryableException}.
 */
public final class UnableToReachPbxException extends PbxClientException
    implements RetryableException {
  private static final long serialVersionUID = 1L;

  UnableToReachPbxException(String message, Throwable cause) {
    super(message, cause);
  }
}
