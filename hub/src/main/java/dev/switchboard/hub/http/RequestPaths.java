package dev.switchboard.hub.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a request path as received, before any route decodes its parameters: every {@code %} must
 * start an escape of two hex digits ({@code %u0041}, the old IIS form, is not one), and the escaped
 * bytes must be UTF-8 text. A path that fails is the client's mistake (400), never a failure of the
 * route that would have decoded it. Stateless; thread-safe.
 */
public final class RequestPaths {
  private RequestPaths() {}

  /**
   * Refuses a malformed path. The message quotes only the offending escape, never the whole path (a
   * webhook path carries the tenant's token).
   *
   * @throws ApiException 400 naming the problem
   */
  public static void check(String rawPath) {
    if (rawPath == null || rawPath.indexOf('%') < 0) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      int c = rawPath.codePointAt(i);
      if (c != '%') {
        bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c) - 1;
        continue;
      }
      if (i + 2 >= rawPath.length()
          || !isHex(rawPath.charAt(i + 1))
          || !isHex(rawPath.charAt(i + 2))) {
        String escape = rawPath.substring(i, Math.min(rawPath.length(), i + 6));
        throw ApiException.badRequest(
            "path: '"
                + escape
                + "' is not a percent escape (% must be followed by two hex digits, as in %41)");
      }
      bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
      i += 2;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (CharacterCodingException notUtf8) {
      throw ApiException.badRequest("path: its percent escapes are not UTF-8 text");
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
