package dev.switchboard.hub.tenants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a tenant answers the routing question: the rules to try, in order ({@code off} when none),
 * and how far back {@link Rule#LAST_AGENT} looks.
 *
 * @param rules the rules in the order tried; empty: routing is off
 * @param window how far back the last agent may have talked with the caller
 */
public record RoutingPolicy(List<Rule> rules, Duration window) {
  /** The window when none is set: three days. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(3);

  private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

  /** One way of choosing an agent. */
  public enum Rule {
    /** The matched contact's owner extension. */
    OWNER("owner"),
    /** The agent of the caller's most recent connected call within the window. */
    LAST_AGENT("last-agent");

    private final String code;

    Rule(String code) {
      this.code = code;
    }

    /** The name in settings and logs: {@code owner}, {@code last-agent}. */
    public String code() {
      return code;
    }
  }

  /** Validates the parts: no rule twice, a window of one minute to a year. */
  public RoutingPolicy {
    rules = List.copyOf(rules);
    if (new LinkedHashSet<>(rules).size() != rules.size()) {
      throw new IllegalArgumentException("routing policy names a rule twice: " + rules);
    }
    Objects.requireNonNull(window, "window");
    if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "routing window must be between 1 minute and 366 days (got " + window + ")");
    }
  }

  /** Routing off: every caller goes to the queue as usual. */
  public static RoutingPolicy off() {
    return new RoutingPolicy(List.of(), DEFAULT_WINDOW);
  }

  /**
   * Reads {@code off} or a comma-separated list of {@code owner} and {@code last-agent}, in the
   * order to try them.
   */
  public static RoutingPolicy parse(String policy, Duration window) {
    if (policy == null || policy.isBlank()) {
      throw new IllegalArgumentException("routing policy is empty (use off, or owner,last-agent)");
    }
    String text = policy.strip().toLowerCase(Locale.ROOT);
    if (text.equals("off")) {
      return new RoutingPolicy(List.of(), window);
    }
    List<Rule> rules = new ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.strip();
      rules.add(
          java.util.Arrays.stream(Rule.values())
              .filter(rule -> rule.code.equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "routing policy: unknown rule '"
                              + name
                              + "' (use off, or any of owner, last-agent, comma-separated)")));
    }
    return new RoutingPolicy(rules, window);
  }

  /** Whether routing is off. */
  public boolean isOff() {
    return rules.isEmpty();
  }

  /** {@code off} or the rules, comma-separated: what {@link #parse} reads. */
  public String code() {
    return isOff() ? "off" : rules.stream().map(Rule::code).collect(Collectors.joining(","));
  }
}
