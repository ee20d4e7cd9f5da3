package dev.switchboard.server.testing;

import java.util.Random;
import java.util.function.BiFunction;

/**
 * One way of breaking a request: changes a {@link Draft} and says what it did (the label goes into
 * the request's description, so a failure names the exact request).
 *
 * @param name the attack's name
 * @param apply changes the draft with the random source given and returns what it did
 */
record Attack(String name, BiFunction<Draft, Random, String> apply) {
  /** An attack whose label is its name and one detail. */
  static Attack of(String name, BiFunction<Draft, Random, String> apply) {
    return new Attack(name, apply);
  }

  /** Picks one of {@code options}. */
  @SafeVarargs
  static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  /** Picks one of {@code options}. */
  static <T> T pick(Random random, java.util.List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** {@code bad} instead of, before, inside or after {@code value}. */
  static String placed(Random random, String value, String bad) {
    return switch (random.nextInt(4)) {
      case 0 -> bad;
      case 1 -> bad + value;
      case 2 -> value.substring(0, value.length() / 2) + bad + value.substring(value.length() / 2);
      default -> value + bad;
    };
  }
}
