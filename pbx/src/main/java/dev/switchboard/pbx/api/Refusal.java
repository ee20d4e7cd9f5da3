package dev.switchboard.pbx.api;

import dev.switchboard.pbx.engine.EngineException;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.server.logging.LogRedaction;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * A failure that is the client's doing, with the status and message it is answered with: a request
 * the emulator refuses ({@link ApiFailure}, {@link ProtocolException}, {@link EngineException}), a
 * body in a charset Java does not know (415, naming it), a body that ended early or whose chunks
 * are broken (400), or what Javalin refuses itself (an unknown route, a body too large). Messages
 * are masked ({@link LogRedaction}): a path may hold the key. Immutable.
 *
 * @param status the HTTP status, 4xx
 * @param message what was wrong
 */
record Refusal(int status, String message) {
  private static final int LONGEST_SHOWN = 60;
  private static final Refusal ENDED_EARLY =
      new Refusal(400, "the request body ended before its Content-Length or its last chunk");
  private static final Refusal UNREADABLE =
      new Refusal(
          400,
          "the request body could not be read: it ended before its Content-Length or its last"
              + " chunk, or its framing is broken");

  /** The refusal {@code failure} (or one of its causes) stands for, or empty for a bug. */
  static Optional<Refusal> of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Optional<Refusal> refusal = direct(cause);
      if (refusal.isPresent()) {
        return refusal;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<Refusal> direct(Throwable failure) {
    if (failure instanceof ApiFailure refused) {
      return Optional.of(new Refusal(refused.status(), refused.getMessage()));
    }
    if (failure instanceof ProtocolException || failure instanceof EngineException) {
      return Optional.of(new Refusal(400, failure.getMessage()));
    }
    if (failure instanceof UnsupportedCharsetException unknown) {
      return Optional.of(
          new Refusal(
              415,
              "charset '"
                  + shown(unknown.getCharsetName())
                  + "' is not one this PBX knows: send the body in UTF-8"));
    }
    if (failure instanceof IllegalCharsetNameException illegal) {
      return Optional.of(
          new Refusal(
              415,
              "charset '"
                  + shown(illegal.getCharsetName())
                  + "' is not a charset name: send the body in UTF-8"));
    }
    if (failure instanceof HttpResponseException http && http.getStatus() < 500) {
      return Optional.of(new Refusal(http.getStatus(), LogRedaction.redact(http.getMessage())));
    }
    if (failure instanceof EofException) {
      return Optional.of(ENDED_EARLY);
    }
    if (failure instanceof HttpException jetty && jetty.getCode() >= 400 && jetty.getCode() < 500) {
      return Optional.of(
          new Refusal(
              jetty.getCode(),
              "the request is malformed"
                  + (jetty.getReason() == null ? "" : ": " + shown(jetty.getReason()))));
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return Optional.of(UNREADABLE);
    }
    return Optional.empty();
  }

  /** Client text as it may be shown: masked, printable, at most 60 characters. */
  static String shown(String text) {
    String masked = LogRedaction.redact(text == null ? "" : text);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < masked.length() && out.length() < LONGEST_SHOWN; i++) {
      char c = masked.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return masked.length() > LONGEST_SHOWN ? out + "..." : out.toString();
  }
}
