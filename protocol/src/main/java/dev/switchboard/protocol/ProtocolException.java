package dev.switchboard.protocol;

/**
 * Input that does not follow the VoiceCloud contract. The message names the field (when there is
 * one) and the problem, in words fit to show the sender: {@code field calldate: '2024-13-01' is not
 * a date (expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd-HH:mm:ss)}.
 *
 * <p>This is the only exception the parsers in this module throw for bad input.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  private ProtocolException(String field, String message) {
    super(field == null ? message : "field " + field + ": " + message);
    this.field = field;
  }

  /** A problem with one named field. */
  public static ProtocolException field(String field, String problem) {
    return new ProtocolException(field, problem);
  }

  /** A problem with the input as a whole (not JSON, unknown path, ...). */
  public static ProtocolException input(String problem) {
    return new ProtocolException(null, problem);
  }

  /** The field the problem is about, or {@code null} when it concerns the whole input. */
  public String field() {
    return field;
  }
}
