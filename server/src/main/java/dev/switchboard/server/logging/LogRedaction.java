package dev.switchboard.server.logging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is masked in a log line: the secret part of every URL or header shape a token travels in
 * ({@code /hooks/TOKEN}, {@code Bearer TOKEN}, the click-to-call path's {@code /key/KEY/}, a {@code
 * key} field or parameter), and every secret registered with {@link #hide} (company keys in each of
 * their encoded forms), wherever it appears. Thread-safe.
 */
public final class LogRedaction {
  /** What a masked secret reads as. */
  public static final String MASK = "***";

  private static final List<Shape> SHAPES =
      List.of(
          new Shape(Pattern.compile("(/hooks/)[^/?#\\s\"'<>]+"), "$1" + MASK),
          new Shape(Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+"), "$1" + MASK),
          new Shape(Pattern.compile("(/key/)[^/?#\\s\"'<>]+"), "$1" + MASK),
          new Shape(
              Pattern.compile("(?i)(\"key\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")"),
              "$1" + MASK + "$2"),
          new Shape(
              Pattern.compile("(?i)(\\\\\"key\\\\\"\\s*:\\s*\\\\\")(?:[^\\\\]|\\\\[^\"])*(\\\\\")"),
              "$1" + MASK + "$2"),
          new Shape(Pattern.compile("(?i)([?&]key=)[^&#\\s\"']+"), "$1" + MASK));

  private static final Set<String> HIDDEN = ConcurrentHashMap.newKeySet();

  private record Shape(Pattern pattern, String replacement) {}

  private LogRedaction() {}

  /**
   * Masks {@code secrets} (each form exactly as it may appear in a line, e.g. raw, percent-encoded
   * and JSON-escaped) in every line from now on. Forms shorter than 6 characters are ignored: they
   * would mask ordinary words.
   */
  public static void hide(Iterable<String> secrets) {
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 6) {
        HIDDEN.add(secret);
      }
    }
  }

  /** {@code line} with every secret masked. */
  public static String redact(String line) {
    if (line == null || line.isEmpty()) {
      return line;
    }
    String masked = line;
    for (String secret : HIDDEN) {
      if (masked.contains(secret)) {
        masked = masked.replace(secret, MASK);
      }
    }
    for (Shape shape : SHAPES) {
      Matcher matcher = shape.pattern().matcher(masked);
      if (matcher.find()) {
        masked = matcher.replaceAll(shape.replacement());
      }
    }
    return masked;
  }
}
