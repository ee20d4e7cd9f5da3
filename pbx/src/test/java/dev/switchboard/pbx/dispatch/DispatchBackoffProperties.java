package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DispatchBackoffProperties {

  @Property
  void theCeilingDoublesFromTheFirstRetryUpToTheMaximum(
      @ForAll @LongRange(min = 1, max = 60_000) long firstMillis,
      @ForAll @LongRange(min = 1, max = 1_000) long factor,
      @ForAll @IntRange(min = 1, max = 200) int failures) {
    RetrySchedule schedule = new RetrySchedule(settings(firstMillis, firstMillis * factor, 0));
    long expected =
        Math.min(
            firstMillis * factor,
            failures > 30 ? Long.MAX_VALUE : firstMillis * (1L << (failures - 1)));
    assertThat(schedule.ceilingMillis(failures)).isEqualTo(expected);
  }

  @Property
  void everyDelayLiesBetweenZeroAndTheCeilingAndTheSameSeedGivesTheSameDelays(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int failures) {
    DispatchSettings settings = settings(1_000, 300_000, seed);
    RetrySchedule one = new RetrySchedule(settings);
    RetrySchedule again = new RetrySchedule(settings);
    for (int failure = 1; failure <= failures; failure++) {
      Duration delay = one.delayAfter(failure);
      assertThat(delay.toMillis()).isBetween(0L, one.ceilingMillis(failure));
      assertThat(again.delayAfter(failure)).isEqualTo(delay);
    }
  }

  private static DispatchSettings settings(long firstMillis, long maxMillis, long seed) {
    return DispatchSettings.defaults()
        .withRetries(
            Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis), Duration.ofDays(1))
        .withDrops(0, seed);
  }
}
