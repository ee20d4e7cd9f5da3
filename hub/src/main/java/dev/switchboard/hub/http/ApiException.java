package dev.switchboard.hub.http;

/**
 * A request the API refuses, with the HTTP status and a message naming the problem. Mapped to
 * {@code {"error": "..."}} in one place ({@code HubServer}).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final java.util.Map<String, Object> details;

  private ApiException(int status, String message) {
    this(status, null, message, java.util.Map.of());
  }

  private ApiException(
      int status, String code, String message, java.util.Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * A refusal with a machine-readable {@code code}, answered {@code {"error": code, "message":
   * message, ...details}}: the shape of the console's errors ({@code login_failed}, {@code csrf},
   * {@code forbidden}). A {@code retry_after_seconds} detail is also sent as {@code Retry-After}.
   */
  public static ApiException coded(
      int status, String code, String message, java.util.Map<String, Object> details) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    return new ApiException(status, code, message, java.util.Map.copyOf(details));
  }

  /** 403 {@code forbidden}: outside the caller's role or scope. */
  public static ApiException forbidden(String message) {
    return coded(403, "forbidden", message, java.util.Map.of());
  }

  /** The machine-readable code, for the coded shape; empty for the plain {@code {"error": ...}}. */
  public java.util.Optional<String> code() {
    return java.util.Optional.ofNullable(code);
  }

  /** Further fields of the coded shape. */
  public java.util.Map<String, Object> details() {
    return details;
  }

  /** A refusal with {@code status}, a 4xx or 5xx. */
  public static ApiException withStatus(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    return new ApiException(status, message);
  }

  /** 400: the request is malformed. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** 401: no or a wrong API token. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, message);
  }

  /** 404: no such thing. */
  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  /** 409: it conflicts with what exists. */
  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  /** 422: the PBX refused the request; the message is the PBX's. */
  public static ApiException unprocessable(String message) {
    return new ApiException(422, message);
  }

  /** 502: the PBX answered wrongly (a rejected key, a malformed reply). */
  public static ApiException badGateway(String message) {
    return new ApiException(502, message);
  }

  /** 503: the PBX could not be reached; retrying later may work. */
  public static ApiException unavailable(String message) {
    return new ApiException(503, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
