package dev.switchboard.hub.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them: {@code 4h}, {@code 30s}, {@code 500ms}, or ISO {@code
 * PT4H}.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code text}, naming {@code setting} in the error. */
  public static Duration parse(String setting, String text) {
    String value = text.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      long amount;
      try {
        amount = Long.parseLong(matcher.group(1));
      } catch (NumberFormatException tooLarge) {
        throw new ConfigException(setting + ": '" + text + "' is too long a duration");
      }
      switch (matcher.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException bad) {
      throw new ConfigException(
          setting + ": '" + text + "' is not a duration (e.g. 30s, 5m, 4h, PT4H)");
    }
  }
}
