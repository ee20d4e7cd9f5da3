package dev.switchboard.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one category's run came to: how many requests, the statuses (and closed connections) seen,
 * the time it took and every violation, each naming the request. Not thread-safe; filled by one
 * {@link HostileRun}.
 */
public final class Tally {
  private static final int MOST_LISTED = 40;

  private final Category category;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private int requests;
  private int violationCount;
  private Duration took = Duration.ZERO;

  Tally(Category category) {
    this.category = category;
  }

  void count(HostileRequest request, Outcome outcome) {
    requests++;
    outcomes.merge(outcome.key(), 1, Integer::sum);
  }

  void violation(HostileRequest request, Outcome outcome, String rule) {
    violationCount++;
    if (violations.size() < MOST_LISTED) {
      violations.add(rule + ": " + request.description() + " -> " + outcome.describe());
    }
  }

  void took(Duration duration) {
    took = duration;
  }

  /**
   * This tally and {@code other} (of the same category, sent after this one's requests) as one:
   * requests, outcomes, violations and time added up.
   */
  public Tally plus(Tally other) {
    if (other.category != category) {
      throw new IllegalArgumentException(
          "cannot add a " + other.category + " tally to a " + category + " one");
    }
    Tally sum = new Tally(category);
    for (Tally part : List.of(this, other)) {
      sum.requests += part.requests;
      part.outcomes.forEach((key, count) -> sum.outcomes.merge(key, count, Integer::sum));
      sum.violationCount += part.violationCount;
      for (String violation : part.violations) {
        if (sum.violations.size() < MOST_LISTED) {
          sum.violations.add(violation);
        }
      }
      sum.took = sum.took.plus(part.took);
    }
    return sum;
  }

  /** The category. */
  public Category category() {
    return category;
  }

  /** How many requests were sent. */
  public int requests() {
    return requests;
  }

  /** How often each status (or {@code closed}, {@code no answer}, {@code abandoned}) came. */
  public Map<String, Integer> outcomes() {
    return Map.copyOf(outcomes);
  }

  /** The first violations, each naming its request and outcome. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** How many violations there were in all. */
  public int violationCount() {
    return violationCount;
  }

  /** How long the run took. */
  public Duration took() {
    return took;
  }

  /** One line: category, requests, time, outcomes, violations. */
  public String summary() {
    return String.format(
        "%-24s %5d requests in %5.1f s: %s%s",
        category,
        requests,
        took.toMillis() / 1000.0,
        outcomes.entrySet().stream()
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", ")),
        violationCount == 0 ? "" : "; " + violationCount + " VIOLATIONS");
  }

  @Override
  public String toString() {
    return summary();
  }
}
