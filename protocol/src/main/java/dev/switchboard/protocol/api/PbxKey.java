package dev.switchboard.protocol.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.protocol.internal.Text;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The company key the PBX issues, which authenticates every API call. It is a secret: {@link
 * #toString()} shows {@code PbxKey[***]}, error messages never quote it, and it must never reach a
 * browser or a log. Only {@link #value()} gives the key itself, for the wire.
 *
 * @param value the key: not blank, at most {@value #MAX_LENGTH} characters, no control characters
 */
public record PbxKey(String value) {
  /** Longest key accepted. */
  public static final int MAX_LENGTH = 256;

  private static final String HIDDEN = "***";

  /** Validates the key (trimmed); messages name the field {@code key}, never the value. */
  public PbxKey {
    value = Text.identifier("key", value, MAX_LENGTH);
  }

  /**
   * Whether {@code presented} is this key, compared in time independent of where they differ (for
   * the PBX emulator's check of incoming requests).
   */
  public boolean matches(PbxKey presented) {
    return presented != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8),
            presented.value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code text} with every occurrence of this key, in any of its {@link #forms()}, replaced by
   * {@code ***}: for reply bodies and URLs that may echo the key before they are logged or shown.
   * Percent-encoded forms are matched whatever the case of their hex digits.
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String form : forms()) {
      masked = masked.replace(form, HIDDEN);
    }
    if (masked.indexOf('%') >= 0) {
      for (String form : List.of(PathSegments.encode(value), formEncoded())) {
        masked =
            Pattern.compile(Pattern.quote(form), Pattern.CASE_INSENSITIVE)
                .matcher(masked)
                .replaceAll(HIDDEN);
      }
    }
    return masked;
  }

  /**
   * The key as it may appear in text that echoes a request: as is; percent-encoded as a path
   * segment and as a form or query value; inside a JSON string (or a JSON string quoted inside
   * another), escaped as Jackson escapes it, with {@code /} escaped as {@code &#92;/} (as PHP's
   * {@code json_encode} does), and with every non-ASCII character as &#92;uXXXX. Without
   * duplicates; the key itself first.
   */
  public List<String> forms() {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    forms.add(PathSegments.encode(value));
    forms.add(formEncoded());
    // Once escaped (a JSON body), and twice (that body quoted inside a JSON error message).
    for (String json : List.of(escaped(value), escaped(escaped(value)))) {
      forms.add(json);
      forms.add(json.replace("/", "\\/"));
      forms.add(asciiJson(json));
      forms.add(asciiJson(json).replace("/", "\\/"));
    }
    return List.copyOf(forms);
  }

  private static String escaped(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }

  private String formEncoded() {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String asciiJson(String json) {
    StringBuilder ascii = new StringBuilder(json.length());
    for (char c : json.toCharArray()) {
      if (c < 0x80) {
        ascii.append(c);
      } else {
        ascii.append(String.format("\\u%04x", (int) c));
      }
    }
    return ascii.toString();
  }

  /** {@code PbxKey[***]}: never the key. */
  @Override
  public String toString() {
    return "PbxKey[" + HIDDEN + "]";
  }
}
