package dev.switchboard.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting's text as a number, a duration or a flag, and says what is wrong naming the
 * setting ({@code speed: 'abc' is not a number}). Used for settings from any source: files, the
 * environment, flags, and nested parts of a file ({@code tenants[0].agents[2].wrap_up}).
 */
public final class SettingValues {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private SettingValues() {}

  /** {@code text} as an int. */
  public static int wholeNumber(String setting, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException notANumber) {
      throw new SettingsException(setting + ": '" + text + "' is not a whole number");
    }
  }

  /** {@code text} as a long. */
  public static long longNumber(String setting, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException notANumber) {
      throw new SettingsException(setting + ": '" + text + "' is not a whole number");
    }
  }

  /** {@code text} as a finite double. */
  public static double number(String setting, String text) {
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException notANumber) {
      throw new SettingsException(setting + ": '" + text + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new SettingsException(setting + ": '" + text + "' is not a finite number");
    }
    return value;
  }

  /** {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}, 1/0. */
  public static boolean flag(String setting, String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1":
        return true;
      case "false", "no", "off", "0":
        return false;
      default:
        throw new SettingsException(setting + ": '" + text + "' is not true or false");
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d} or ISO-8601 ({@code PT4H}). */
  public static Duration duration(String setting, String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (matcher.matches()) {
      long amount;
      try {
        amount = Long.parseLong(matcher.group(1));
      } catch (NumberFormatException tooLarge) {
        throw new SettingsException(setting + ": '" + text + "' is too long a duration");
      }
      try {
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } catch (ArithmeticException tooLarge) {
        throw new SettingsException(setting + ": '" + text + "' is too long a duration");
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException bad) {
      throw new SettingsException(
          setting + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 5m, 4h, PT4H)");
    }
  }
}
