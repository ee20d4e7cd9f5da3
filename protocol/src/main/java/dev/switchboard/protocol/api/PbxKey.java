package dev.switchboard.protocol.api;

import dev.switchboard.protocol.internal.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
   * {@code text} with every occurrence of this key, as is or percent-encoded, replaced by {@code
   * ***}: for reply bodies and URLs that may echo the key before they are logged or shown.
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    return text.replace(value, HIDDEN).replace(PathSegments.encode(value), HIDDEN);
  }

  /** {@code PbxKey[***]}: never the key. */
  @Override
  public String toString() {
    return "PbxKey[" + HIDDEN + "]";
  }
}
