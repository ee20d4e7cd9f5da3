package dev.switchboard.pbx.api;

/**
 * A request the emulator refuses, with the HTTP status to answer and a message naming the problem
 * (never the company key). Turned into {@code {"result":null,"message":"..."}} by {@link
 * ErrorReplies}, the one place that maps failures to statuses.
 */
public final class ApiFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  private ApiFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400: the request is malformed or the PBX cannot carry it out. */
  public static ApiFailure badRequest(String message) {
    return new ApiFailure(400, message);
  }

  /** 403: the key (and, for click-to-call, the domain) match no company. */
  public static ApiFailure forbidden(String message) {
    return new ApiFailure(403, message);
  }

  /** 404: no such extension, tenant, call or recording. */
  public static ApiFailure notFound(String message) {
    return new ApiFailure(404, message);
  }

  /** 409: the request conflicts with the emulator's state (a running clock cannot be stepped). */
  public static ApiFailure conflict(String message) {
    return new ApiFailure(409, message);
  }

  /** 413: the body is larger than the emulator takes. */
  public static ApiFailure tooLarge(String message) {
    return new ApiFailure(413, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
