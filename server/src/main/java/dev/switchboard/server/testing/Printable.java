package dev.switchboard.server.testing;

/** Bytes as a one-line, readable text: printable ASCII as is, anything else as {@code \xNN}. */
final class Printable {
  private Printable() {}

  /** {@code text} (one char a byte) made printable and cut to about {@code max} characters. */
  static String of(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\x%02X", c & 0xff));
      }
    }
    if (out.length() >= max) {
      out.append("...(").append(text.length()).append(" bytes)");
    }
    return out.toString();
  }
}
