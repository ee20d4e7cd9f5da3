package dev.switchboard.hub.http;

/**
 * Refuses text that is not valid Unicode: a lone UTF-16 surrogate, which a JSON body can carry as
 * an escape ({@code "\ud83d"}) but no database can store (it would be kept as {@code ?}, so what is
 * derived from the log would differ from what was stored). No real phone, id or name has one.
 * Stateless; thread-safe.
 */
public final class UnicodeText {
  private UnicodeText() {}

  /**
   * Throws when {@code value} of {@code field} holds a lone surrogate.
   *
   * @throws ApiException 400 naming the field and the surrogate
   */
  public static void require(String field, String value) {
    int at = loneSurrogate(value);
    if (at >= 0) {
      throw ApiException.badRequest(
          (field.isEmpty() ? "a field name" : "field " + field)
              + ": is not valid Unicode text (a lone surrogate \\u"
              + String.format("%04x", (int) value.charAt(at))
              + " at character "
              + (at + 1)
              + "); send UTF-8 text");
    }
  }

  /** The index of the first lone surrogate in {@code value}, or -1 when there is none. */
  static int loneSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
