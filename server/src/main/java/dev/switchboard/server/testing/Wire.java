package dev.switchboard.server.testing;

import java.nio.charset.StandardCharsets;

/** Text as it goes on the wire, one char a byte: UTF-8, percent-encoded, JSON-quoted. Stateless. */
public final class Wire {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private Wire() {}

  /** {@code text} as its UTF-8 bytes, one char a byte. */
  public static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** {@code text} in UTF-8 with every byte but the unreserved ones percent-encoded. */
  public static String percentEncoded(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** {@code text} as a JSON string literal, in UTF-8 (control characters escaped). */
  public static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return utf8(out.append('"').toString());
  }

  /** The bytes of wire text (one char a byte). */
  static byte[] bytes(String wire) {
    return wire.getBytes(StandardCharsets.ISO_8859_1);
  }
}
