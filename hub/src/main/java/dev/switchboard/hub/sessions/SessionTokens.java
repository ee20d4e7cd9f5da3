package dev.switchboard.hub.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparison of tokens in constant time. Stateless. */
final class SessionTokens {
  private SessionTokens() {}

  static boolean equal(String sent, String expected) {
    return MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
