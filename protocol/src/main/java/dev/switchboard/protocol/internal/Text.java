package dev.switchboard.protocol.internal;

import dev.switchboard.protocol.ProtocolException;

/** Checks on the text values of every wire message (webhooks and API calls). Stateless. */
public final class Text {
  /** Longest extension, queue or phone accepted. */
  public static final int MAX_IDENTIFIER = 64;

  /** Longest call id accepted: the same limit as the webhooks' {@code CallId}. */
  public static final int MAX_CALL_ID = 128;

  private Text() {}

  /** {@code value}, or a ProtocolException saying that {@code field} is missing. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw ProtocolException.field(field, "is missing");
    }
    return value;
  }

  /**
   * An identifier-like value (extension, phone, call id, domain): trimmed, not blank, at most
   * {@code max} characters, only printable characters. Messages never quote the value.
   */
  public static String identifier(String field, String value, int max) {
    String trimmed = required(field, value).trim();
    if (trimmed.isEmpty()) {
      throw ProtocolException.field(field, "is empty");
    }
    return printable(field, trimmed, max);
  }

  /**
   * Free text kept exactly as sent (no trimming): at most {@code max} characters, only printable
   * characters.
   */
  public static String printable(String field, String value, int max) {
    required(field, value);
    if (value.length() > max) {
      throw ProtocolException.field(
          field, "is " + value.length() + " characters long (at most " + max + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw ProtocolException.field(field, "contains a control character");
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw ProtocolException.field(field, "contains an unpaired surrogate character");
        }
        i++;
      }
    }
    return value;
  }

  /** Quotes a value for an error message, shortened when long. Never use it on the key. */
  public static String quote(String value) {
    String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
    return "'" + shown + "'";
  }

  /** {@code text} with control characters as spaces, trimmed, cut to {@code max} characters. */
  public static String shortened(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    // Never cut a surrogate pair in two.
    if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
    return out.toString().trim();
  }
}
