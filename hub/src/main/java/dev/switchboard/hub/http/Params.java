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
