package dev.switchboard.protocol.testing;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators QuickTheories lacks, built from its {@link Gen} combinators so that every value they
 * make is drawn from the test's randomness source, replays from its seed and shrinks. Stateless.
 */
public final class Generators {
  /** The decimal digits. */
  public static final String DIGITS = "0123456789";

  /** The ASCII letters, lower case first. */
  public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Generators() {}

  /** One of {@code chars}; shrinks toward the first. */
  public static Gen<Character> charsOf(String chars) {
    if (chars.isEmpty()) {
      throw new IllegalArgumentException("no characters to choose from");
    }
    return Generate.range(0, chars.length() - 1).map(chars::charAt);
  }

  /** A character from {@code first} to {@code last}, both included; shrinks toward the first. */
  public static Gen<Character> charsBetween(char first, char last) {
    return Generate.range(first, last, first).map(code -> (char) code.intValue());
  }

  /** Any UTF-16 code unit, control characters and lone surrogates included. */
  public static Gen<Character> anyChar() {
    return charsBetween(Character.MIN_VALUE, Character.MAX_VALUE);
  }

  /** Text of {@code minLength} to {@code maxLength} characters drawn from {@code chars}. */
  public static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    return lists().of(chars).ofSizeBetween(minLength, maxLength).map(Generators::text);
  }

  /** Text of exactly {@code length} characters drawn from {@code chars}. */
  public static Gen<String> strings(Gen<Character> chars, int length) {
    return strings(chars, length, length);
  }

  /**
   * Maps of at most {@code maxSize} entries (fewer when keys repeat: the first value is kept), in
   * the order drawn.
   */
  public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
    return lists()
        .of(keys.zip(values, Pair::of))
        .ofSizeBetween(0, maxSize)
        .map(
            entries -> {
              Map<K, V> map = new LinkedHashMap<>();
              entries.forEach(entry -> map.putIfAbsent(entry._1, entry._2));
              return Collections.unmodifiableMap(map);
            });
  }

  /** A value of one of {@code choices}, each as likely; shrinks toward the first. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
    List<Gen<? extends T>> all = List.of(choices);
    Gen<Integer> index = Generate.range(0, all.size() - 1);
    return in -> all.get(index.generate(in)).generate(in);
  }

  /** {@code values}' values, or null about {@code percentNull} times in a hundred. */
  public static <T> Gen<T> orNull(Gen<T> values, int percentNull) {
    return values.toOptionals(percentNull).map(value -> value.orElse(null));
  }

  private static String text(List<Character> chars) {
    StringBuilder text = new StringBuilder(chars.size());
    chars.forEach(text::append);
    return text.toString();
  }
}
