package dev.switchboard.hub.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leases of jobs run once for all nodes, on a real SQLite file and a real PostgreSQL schema. */
class JobLeasesTest {
  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));

  private DatabaseSettings database(String dialect) {
    if (dialect.equals("postgresql")) {
      assumeTrue(TestDatabases.postgresAvailable(), "SWITCHBOARD_TEST_PG_URL is not set");
      return TestDatabases.postgres().orElseThrow();
    }
    return TestDatabases.sqlite(folder);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void oneNodeHoldsAJobUntilItStopsRenewingThenAnotherTakesIt(String dialect) {
    try (Database db = Database.open(database(dialect), "hub")) {
      JobLeases a = new JobLeases(db.jdbi(), clock, "node-a");
      JobLeases b = new JobLeases(db.jdbi(), clock, "node-b");
      Duration lease = Duration.ofSeconds(30);

      assertThat(a.hold("call-record sync", lease)).isTrue();
      assertThat(b.hold("call-record sync", lease)).as("held by a").isFalse();
      assertThat(b.hold("sweep", lease)).as("another job is free").isTrue();

      clock.advance(Duration.ofSeconds(20));
      assertThat(a.hold("call-record sync", lease)).as("a renews").isTrue();
      clock.advance(Duration.ofSeconds(20));
      assertThat(b.hold("call-record sync", lease)).as("renewed 20 s ago for 30 s").isFalse();

      clock.advance(Duration.ofSeconds(11)); // a died: its lease ran out
      assertThat(b.hold("call-record sync", lease)).isTrue();
      assertThat(a.hold("call-record sync", lease)).as("a came back: b holds it now").isFalse();
      assertThat(a.holderOf("call-record sync")).contains("node-b");

      b.releaseAll(); // a clean stop gives its jobs up at once
      assertThat(a.hold("call-record sync", lease)).isTrue();
      assertThat(a.hold("sweep", lease)).isTrue();
    }
  }
}
