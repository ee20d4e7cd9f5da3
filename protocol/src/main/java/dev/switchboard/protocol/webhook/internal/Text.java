package dev.switchboard.protocol.webhook.internal;

import dev.switchboard.protocol.ProtocolException;

/** Checks on text fields shared by the wire records. Stateless. */
public final class Text {
  private Text() {}

  /**
   * An identifier-like value (callid, extension, queue, did): trimmed, not blank, at most {@code
   * max} characters, no control characters.
   */
  public static String identifier(String field, String value, int max) {
    if (value == null) {
      throw ProtocolException.field(field, "is missing");
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw ProtocolException.field(field, "is empty");
    }
    if (trimmed.length() > max) {
      throw ProtocolException.field(
          field, "is " + trimmed.length() + " characters long (at most " + max + ")");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isISOControl(trimmed.charAt(i))) {
        throw ProtocolException.field(field, "contains a control character");
      }
    }
    return trimmed;
  }

  /** Quotes a value for an error message, shortened when long. */
  public static String quote(String value) {
    String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
    return "'" + shown + "'";
  }
}
