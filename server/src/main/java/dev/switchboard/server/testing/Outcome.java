package dev.switchboard.server.testing;

import java.util.Optional;

/**
 * What became of one hostile request: a reply, the server closing the connection without one, no
 * answer within the time allowed, or nothing expected (the client abandoned the request).
 *
 * @param kind which of these
 * @param reply the reply, for {@link Kind#REPLY}
 * @param detail how the connection ended, for the others
 */
public record Outcome(Kind kind, Optional<RawReply> reply, String detail) {
  /** How a request ended. */
  public enum Kind {
    /** An HTTP reply came. */
    REPLY,
    /** The server closed (or reset) the connection without a whole reply. */
    CLOSED,
    /** Nothing came in the time allowed. */
    NO_ANSWER,
    /** The client gave up on purpose; nothing was expected. */
    ABANDONED
  }

  static Outcome replied(RawReply reply) {
    return new Outcome(Kind.REPLY, Optional.of(reply), "");
  }

  static Outcome ended(Kind kind, String detail) {
    return new Outcome(kind, Optional.empty(), detail);
  }

  /** The status, or -1 without a reply. */
  public int status() {
    return reply.map(RawReply::status).orElse(-1);
  }

  /** Whether the request was refused: no 1xx-3xx reply. */
  public boolean rejected() {
    return status() < 100 || status() >= 400;
  }

  /**
   * The key it is counted under: the status, {@code closed}, {@code no answer}, {@code abandoned}.
   */
  public String key() {
    return switch (kind) {
      case REPLY -> Integer.toString(status());
      case CLOSED -> "closed";
      case NO_ANSWER -> "no answer";
      case ABANDONED -> "abandoned";
    };
  }

  /** A short description for reports: status, content type and the start of the body. */
  public String describe() {
    return reply
        .map(r -> r.status() + " " + r.mediaType() + " " + Printable.of(r.body(), 160))
        .orElse(key() + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }
}
