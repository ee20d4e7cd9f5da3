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
}
