package dev.switchboard.client;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.PbxReply;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * One call of the PBX API as the client reports on it: which operation ({@code dial}, {@code spy},
 * ...), at which PBX, and the key to hide. Every exception the client throws is built here, so
 * every message has the same form and passes through {@link PbxKey#redact} first. Immutable.
 *
 * @param operation the call as messages name it
 * @param pbxUrl the base URL the call goes to (never a URL with the call's path: that may hold the
 *     key)
 * @param key the company key, hidden wherever it might show
 */
record PbxCall(String operation, String pbxUrl, PbxKey key) {
  /** How much of a reply body a message quotes. */
  static final int BODY_SNIPPET_LENGTH = 200;

  /** How much of the PBX's own message a message quotes. */
  private static final int MESSAGE_LENGTH = 300;

  /** How deep a chain of causes is copied when it must be cleaned of the key. */
  private static final int MAX_CAUSES = 8;

  /** The PBX answered with an error message. */
  PbxRefusedException refused(int status, String pbxMessage) {
    String said = tidy(pbxMessage, MESSAGE_LENGTH);
    return new PbxRefusedException(
        where() + " refused " + operation + ": " + said + httpStatus(status), status, said);
  }

  /** The PBX answered, but not in the shape the call expects. */
  PbxRefusedException unexpectedReply(int status, String problem, String body) {
    String said = tidy(problem, MESSAGE_LENGTH) + "; " + bodyBegins(body);
    return new PbxRefusedException(
        where() + " gave an unexpected reply to " + operation + " (HTTP " + status + "): " + said,
        status,
        said);
  }

  /** The PBX answered 401 or 403. */
  PbxRejectedKeyException rejectedKey(int status, String body) {
    return new PbxRejectedKeyException(
        where()
            + " rejected the key (or domain) for "
            + operation
            + " (HTTP "
            + status
            + "): "
            + whatItSaid(body),
        status);
  }

  /** The PBX answered with a status that asks to come back later (5xx, 408, 429). */
  UnableToReachPbxException failedOnItsSide(int status, String body) {
    return new UnableToReachPbxException(
        where()
            + " failed to carry out "
            + operation
            + " (HTTP "
            + status
            + "): "
            + whatItSaid(body),
        null);
  }

  /** No connection, or the exchange broke off. */
  UnableToReachPbxException unreachable(String why, Throwable cause) {
    return new UnableToReachPbxException(
        "could not reach " + where() + " for " + operation + ": " + tidy(why, MESSAGE_LENGTH),
        clean(cause));
  }

  /** No answer within {@code timeout}. */
  UnableToReachPbxException noAnswer(Duration timeout, Throwable cause) {
    return new UnableToReachPbxException(
        where() + " did not answer " + operation + " within " + words(timeout), clean(cause));
  }

  /** The calling thread was interrupted while it waited; its interrupt flag is set again. */
  PbxClientException interrupted(InterruptedException cause) {
    Thread.currentThread().interrupt();
    return new PbxClientException(
        "interrupted while waiting for " + where() + " to answer " + operation, cause);
  }

  /** {@code text} without the key, for logs. */
  String redact(String text) {
    return key.redact(text);
  }

  /** {@code the PBX at http://host:8090}, the key hidden should the URL hold it. */
  String where() {
    return "the PBX at " + redact(pbxUrl);
  }

  /** The PBX's message when {@code body} has the error shape, else the start of the body. */
  String whatItSaid(String body) {
    return errorMessage(body)
        .map(said -> tidy(said, MESSAGE_LENGTH))
        .orElseGet(() -> bodyBegins(body));
  }

  /** The message of a body in the error shape {@code {"result":null,"message":"..."}}, if it is. */
  static Optional<String> errorMessage(String body) {
    try {
      PbxReply reply = PbxReply.parse(body);
      return reply.isOk() ? Optional.empty() : reply.message().filter(said -> !said.isBlank());
    } catch (ProtocolException notTheErrorShape) {
      return Optional.empty();
    }
  }

  /** {@code the body begins: '...'} with the body's first 200 characters, the key hidden. */
  String bodyBegins(String body) {
    if (body == null || body.isBlank()) {
      return "the body is empty";
    }
    String redacted = redact(body);
    boolean cut = redacted.length() > BODY_SNIPPET_LENGTH;
    String start = tidy(redacted, BODY_SNIPPET_LENGTH);
    return cut ? "the body begins: '" + start + "...'" : "the body is: '" + start + "'";
  }

  /**
   * {@code text} with the key hidden (before it is cut, so no part of the key survives at the cut),
   * cut to {@code max} characters, control characters and runs of white space made one space.
   */
  private String tidy(String text, int max) {
    String redacted = redact(text == null ? "" : text);
    int end = Math.min(redacted.length(), max);
    if (end < redacted.length() && end > 0 && Character.isHighSurrogate(redacted.charAt(end - 1))) {
      end--; // never cut a surrogate pair in two
    }
    String cut = redacted.substring(0, end);
    StringBuilder out = new StringBuilder(cut.length());
    boolean space = false;
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = true;
      } else {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      }
    }
    return out.length() == 0 ? "no message" : out.toString();
  }

  private static String httpStatus(int status) {
    return status == 200 ? "" : " (HTTP " + status + ")";
  }

  /**
   * {@code cause} as is when no message in its chain holds the key, else a copy of the chain with
   * the key hidden: a stack trace printed from the exception must not show it either.
   */
  private Throwable clean(Throwable cause) {
    return cause == null || !leaksKey(cause, MAX_CAUSES)
        ? cause
        : copyWithoutKey(cause, MAX_CAUSES);
  }

  private boolean leaksKey(Throwable cause, int depth) {
    if (cause == null || depth == 0) {
      return false;
    }
    String text = cause.toString();
    return !text.equals(redact(text)) || leaksKey(cause.getCause(), depth - 1);
  }

  private Throwable copyWithoutKey(Throwable cause, int depth) {
    Throwable copy = new IOException(redact(cause.toString()));
    copy.setStackTrace(cause.getStackTrace());
    if (cause.getCause() != null && depth > 1) {
      copy.initCause(copyWithoutKey(cause.getCause(), depth - 1));
    }
    return copy;
  }

  /** {@code 15 s}, {@code 1.5 s}, {@code 200 ms}. */
  static String words(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }
}
