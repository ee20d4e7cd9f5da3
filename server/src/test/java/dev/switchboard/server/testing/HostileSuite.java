package dev.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A hostile run against one server, category by category, as a test class uses it: generates the
 * category's requests ({@link HostileSettings} says how many, with which seed), sends them, prints
 * the tally, and asserts that there was no violation and that {@code GET /health} still answers
 * 200. Not thread-safe: a test class runs its categories one after the other.
 */
public final class HostileSuite {
  private final String server;
  private final HostileGenerator generator;
  private final HostileRun run;
  private final List<Tally> tallies = new ArrayList<>();

  /**
   * A suite against {@code server} (a name for the report) on {@code 127.0.0.1:port}, attacking
   * {@code targets}, with {@code stored} counting what the server has stored.
   */
  public HostileSuite(String server, int port, List<Target> targets, LongSupplier stored) {
    this.server = server;
    this.generator = new HostileGenerator(HostileSettings.seed(), targets);
    this.run =
        new HostileRun(
            port, Duration.ofSeconds(10), generator.anyShape(), generator.secrets(), stored);
  }

  /** Runs {@code category} and asserts it found nothing; returns its tally. */
  public Tally assertSurvives(Category category) {
    Tally tally = run(category);
    assertThat(tally.violations())
        .as(
            "%s: %d violations of %d %s requests (seed %d)",
            server, tally.violationCount(), tally.requests(), category, HostileSettings.seed())
        .isEmpty();
    assertThat(run.health())
        .as("%s: GET /health after the %s requests", server, category)
        .isEqualTo(200);
    return tally;
  }

  /** Runs {@code category} and returns its tally, asserting nothing. */
  public Tally run(Category category) {
    Tally tally =
        run.run(category, generator.generate(category, HostileSettings.requestsOf(category)));
    tallies.add(tally);
    System.out.println(server + " " + tally.summary());
    tally.violations().forEach(v -> System.out.println("  " + v));
    return tally;
  }

  /** The tallies of every category run so far, one line each, with the totals. */
  public String report() {
    StringBuilder out = new StringBuilder(server + ", seed " + HostileSettings.seed() + ":\n");
    long millis = 0;
    int requests = 0;
    for (Tally tally : tallies) {
      out.append("  ").append(tally.summary()).append('\n');
      millis += tally.took().toMillis();
      requests += tally.requests();
    }
    return out.append(String.format("  %d requests in %.1f s%n", requests, millis / 1000.0))
        .toString();
  }
}
