package dev.switchboard.hub.calls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators QuickTheories lacks (orders, subsets, distinct picks), built from its {@link Gen}
 * combinators so that every value replays from the test's seed and shrinks. Stateless.
 */
final class Generators {
  private Generators() {}

  /** {@code values} in any order; shrinks toward the order given. */
  static <T> Gen<List<T>> shuffled(List<T> values) {
    return in -> {
      List<T> order = new ArrayList<>(values);
      for (int i = order.size() - 1; i > 0; i--) {
        Collections.swap(order, i, Generate.range(0, i, i).generate(in));
      }
      return order;
    };
  }

  /** {@code minSize} to {@code maxSize} different elements of {@code values}, in any order. */
  static <T> Gen<List<T>> distinct(List<T> values, int minSize, int maxSize) {
    if (minSize < 0 || minSize > maxSize || maxSize > values.size()) {
      throw new IllegalArgumentException(
          "cannot pick " + minSize + " to " + maxSize + " of " + values.size() + " values");
    }
    return Generate.range(minSize, maxSize, minSize)
        .flatMap(size -> shuffled(values).map(order -> List.copyOf(order.subList(0, size))));
  }

  /** Subsets of {@code values} with at least {@code minSize} elements; shrinks toward smaller. */
  static <T> Gen<Set<T>> subsets(List<T> values, int minSize) {
    return distinct(values, minSize, values.size()).map(picked -> new LinkedHashSet<>(picked));
  }
}
