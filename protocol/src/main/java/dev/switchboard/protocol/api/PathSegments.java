package dev.switchboard.protocol.api;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * URL path segments and base URLs (RFC 3986). A segment is written with only the unreserved
 * characters (letters, digits, {@code - . _ ~}) left as they are and everything else
 * percent-encoded as UTF-8; it is read back by decoding percent escapes ({@code +} stays a plus, as
 * in any path). Stateless.
 */
final class PathSegments {
  private PathSegments() {}

  /** Percent-encodes {@code text} as one path segment. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Decodes the percent escapes of one segment as UTF-8. Problems are reported on {@code field},
   * without quoting the segment (it may be the key).
   */
  static String decode(String field, String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
        int low = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw ProtocolException.field(field, "path segment has a bad percent escape");
        }
        bytes.write((high << 4) | low);
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
        byte[] encoded = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      throw ProtocolException.field(field, "path segment is not valid UTF-8 once percent-decoded");
    }
  }

  /** A request path without its query string and fragment, if any. */
  static String withoutQuery(String path) {
    int cut = path.length();
    int query = path.indexOf('?');
    int fragment = path.indexOf('#');
    if (query >= 0) {
      cut = query;
    }
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    return path.substring(0, cut);
  }

  /**
   * The PBX base URL ready for a path to be appended: trimmed, without trailing slashes. It may
   * carry a path prefix but no query or fragment.
   */
  static String baseUrl(String pbxBaseUrl) {
    String base = Text.identifier("pbxBaseUrl", pbxBaseUrl, 2048);
    if (base.indexOf('?') >= 0 || base.indexOf('#') >= 0) {
      throw ProtocolException.field("pbxBaseUrl", "carries a query or fragment");
    }
    int end = base.length();
    while (end > 0 && base.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      throw ProtocolException.field("pbxBaseUrl", "has no host");
    }
    return base.substring(0, end);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
