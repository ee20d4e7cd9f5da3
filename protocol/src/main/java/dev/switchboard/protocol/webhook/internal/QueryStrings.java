package dev.switchboard.protocol.webhook.internal;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.RawField;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Query strings and form bodies, read leniently the way PBXs write them (raw spaces and unencoded
 * URLs in values are accepted) and written the way the documents show them (only what must be
 * encoded is: {@code :} and {@code /} stay as they are, a space becomes {@code %20}). Stateless.
 */
public final class QueryStrings {
  private QueryStrings() {}

  /** Splits {@code a=1&b=2} into fields, decoding {@code +} and percent escapes as UTF-8. */
  public static List<RawField> parse(String query) {
    List<RawField> fields = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return fields;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(null, equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(name, pair.substring(equals + 1));
      fields.add(new RawField(name, value));
    }
    return fields;
  }

  /** Writes fields as {@code name=value&...}, encoding each value. */
  public static String format(List<RawField> fields) {
    StringBuilder out = new StringBuilder();
    for (RawField field : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(field.name())).append('=').append(encode(field.value()));
    }
    return out.toString();
  }

  /** Percent-encodes what may not stand in a query value (RFC 3986), keeping {@code : / @ ,}. */
  public static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isAllowed(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean isAllowed(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$'()*,;:@/?".indexOf(c) >= 0;
  }

  private static String decode(String field, String text) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw problem(field, "has a bad percent escape near " + Text.quote(text.substring(i)));
        }
        bytes.write((high << 4) | low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
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
      throw problem(field, "is not valid UTF-8 once percent-decoded");
    }
  }

  private static ProtocolException problem(String field, String problem) {
    return field == null
        ? ProtocolException.input("a field name " + problem)
        : ProtocolException.field(field, problem);
  }
}
