package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchBackoffProperties {

  @Test
  void theCeilingDoublesFromTheFirstRetryUpToTheMaximum() {
    qt().withExamples(1000)
        .forAll(longs().between(1, 60_000), longs().between(1, 1_000), integers().between(1, 200))
        .checkAssert(
            (firstMillis, factor, failures) -> {
              RetrySchedule schedule =
                  new RetrySchedule(settings(firstMillis, firstMillis * factor, 0));
              long expected =
                  Math.min(
                      firstMillis * factor,
                      failures > 30 ? Long.MAX_VALUE : firstMillis * (1L << (failures - 1)));
              assertThat(schedule.ceilingMillis(failures)).isEqualTo(expected);
            });
  }

  @Test
  void everyDelayLiesBetweenZeroAndTheCeilingAndTheSameSeedGivesTheSameDelays() {
    qt().withExamples(1000)
        .forAll(longs().all(), integers().between(1, 40))
        .checkAssert(
            (seed, failures) -> {
              DispatchSettings settings = settings(1_000, 300_000, seed);
              RetrySchedule one = new RetrySchedule(settings);
              RetrySchedule again = new RetrySchedule(settings);
              for (int failure = 1; failure <= failures; failure++) {
                Duration delay = one.delayAfter(failure);
                assertThat(delay.toMillis()).isBetween(0L, one.ceilingMillis(failure));
                assertThat(again.delayAfter(failure)).isEqualTo(delay);
              }
            });
  }

  private static DispatchSettings settings(long firstMillis, long maxMillis, long seed) {
    return DispatchSettings.defaults()
        .withRetries(
            Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis), Duration.ofDays(1))
        .withDrops(0, seed);
  }
}
