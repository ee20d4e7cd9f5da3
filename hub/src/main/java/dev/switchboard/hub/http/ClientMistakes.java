package dev.switchboard.hub.http;

import io.javalin.http.Context;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Tells a client's mistake from the server's failure among what reading a request may throw: a body
 * whose framing is broken ({@code Transfer-Encoding: chunked} with a bad chunk size), a body
 * shorter than its {@code Content-Length} (the sender closed early), a {@code Content-Type} naming
 * a charset nobody knows. Each becomes a 400 naming the problem. Stateless; thread-safe.
 */
public final class ClientMistakes {
  private ClientMistakes() {}

  /**
   * The 4xx that {@code failure}, thrown while serving {@code ctx}, deserves, or empty when it is
   * not the client's doing.
   */
  public static Optional<ApiException> of(Throwable failure, Context ctx) {
    String framing =
        Optional.ofNullable(ctx.header("Transfer-Encoding"))
                .filter(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
                .isPresent()
            ? "its chunked framing is broken (a chunk size that is not hex, or too large)"
            : "it ended before its Content-Length of " + ctx.header("Content-Length") + " bytes";
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return Optional.of(api);
      }
      if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
        return Optional.of(
            ApiException.withStatus(
                http.getCode(), "the request body could not be read: " + framing));
      }
      if (cause instanceof EofException) {
        return Optional.of(
            ApiException.badRequest("the request body could not be read: " + framing));
      }
      if (cause instanceof UnsupportedCharsetException unknown) {
        return Optional.of(charset(unknown.getCharsetName()));
      }
      if (cause instanceof IllegalCharsetNameException illegal) {
        return Optional.of(charset(illegal.getCharsetName()));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  private static ApiException charset(String name) {
    return ApiException.badRequest(
        "Content-Type: the charset '"
            + name
            + "' is not one the hub can read; send the body as UTF-8 (charset=utf-8)");
  }
}
