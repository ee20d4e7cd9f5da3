package dev.switchboard.hub.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/** Reads query parameters, refusing bad values with a message that names the parameter. */
public final class Params {
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Params() {}

  /** A parameter's value, blank counted as absent. */
  public static Optional<String> text(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** An ISO-8601 instant ({@code 2024-03-01T06:15:40Z}). */
  public static Optional<Instant> instant(Context ctx, String name) {
    return text(ctx, name)
        .map(
            value -> {
              try {
                Instant instant = Instant.parse(value);
                if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                  throw ApiException.badRequest(
                      name + ": '" + value + "' is outside the years 1970 to 9999");
                }
                return instant;
              } catch (DateTimeParseException notAnInstant) {
                throw ApiException.badRequest(
                    name
                        + ": '"
                        + value
                        + "' is not an ISO-8601 UTC time such as 2024-03-01T06:15:40Z");
              }
            });
  }

  /**
   * An instant, or a date ({@code 2026-12-02}) read in {@code zone}: its midnight, or for an end
   * ({@code end}) the next day's midnight, so that {@code from=D&to=D} is the whole day D.
   */
  public static Optional<Instant> instantOrDate(
      Context ctx, String name, java.time.ZoneId zone, boolean end) {
    Optional<String> value = text(ctx, name);
    if (value.isPresent() && value.get().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      try {
        java.time.LocalDate date = java.time.LocalDate.parse(value.get());
        if (date.getYear() < 1970 || date.getYear() > 9998) {
          throw ApiException.badRequest(
              name + ": '" + value.get() + "' is outside the years 1970 to 9998");
        }
        return Optional.of((end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant());
      } catch (DateTimeParseException notADate) {
        throw ApiException.badRequest(name + ": '" + value.get() + "' is not a date");
      }
    }
    try {
      return instant(ctx, name);
    } catch (ApiException notAnInstant) {
      if (!notAnInstant.getMessage().contains("is not an ISO-8601")) {
        throw notAnInstant;
      }
      throw ApiException.badRequest(
          name
              + ": '"
              + value.orElse("")
              + "' is neither an ISO-8601 UTC time such as 2024-03-01T06:15:40Z nor a date such"
              + " as 2024-03-01 (read in the tenant's time zone)");
    }
  }

  /** A whole number between {@code min} and {@code max}. */
  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    Optional<String> value = text(ctx, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number < min || number > max) {
        throw ApiException.badRequest(name + ": must be between " + min + " and " + max);
      }
      return number;
    } catch (NumberFormatException notANumber) {
      throw ApiException.badRequest(name + ": '" + value.get() + "' is not a whole number");
    }
  }

  /** A value read by {@code reader}, which throws IllegalArgumentException for a bad one. */
  public static <T> Optional<T> parsed(
      Context ctx, String name, Function<String, T> reader, String expected) {
    return text(ctx, name)
        .map(
            value -> {
              try {
                return reader.apply(value);
              } catch (IllegalArgumentException bad) {
                throw ApiException.badRequest(name + ": '" + value + "' is not " + expected);
              }
            });
  }
}
