package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path's plans on SQLite as the bundled SQLite makes them (never analyzed, as the hub
 * leaves it): the statements the hub really runs for a many-agent mix with a stream client
 * listening (screen-pops included), captured from its writer, read no table of the write path whole
 * and search none of them by the tenant alone. SQLite's planner without statistics does not look at
 * the data, so an empty store shows the plan a full one gets: the queue's agents for a ring
 * notification's screen-pop were once found by reading every extension row of the tenant for each
 * of the queue's latest calls, seconds per webhook once the store held some ten thousand calls.
 */
class SqlitePlansTest {
  private static final Pattern PLAN_LINE = Pattern.compile("(SCAN|SEARCH) (\\S+)(.*)");
  private static final Pattern SUBQUERY = Pattern.compile("(CO-ROUTINE|MATERIALIZE) (\\S+).*");

  /** The tenant's whole agent board (hundreds of rows), read whole by design for a screen-pop. */
  private static final String AGENT_BOARD =
      "select tenant_id, extension, status, since, callid, last_seq from agents where tenant_id = ?"
          + " order by extension";

  @TempDir Path folder;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));

  @Test
  @Timeout(120)
  void writePathPlansNeitherScanATableNorSearchItByTenantAlone() throws Exception {
    try (TestHub hub =
        TestHub.start(TestDatabases.sqlite(folder), clock, UnaryOperator.identity())) {
      Jdbi jdbi = hub.hub.database().jdbi();
      List<String> captured = WritePathStatements.capture(hub);
      assertThat(captured)
          .as("the write path's statements were captured, the queue's agents among them")
          .anyMatch(sql -> sql.startsWith("insert into events"))
          .anyMatch(sql -> sql.startsWith("insert into calls"))
          .anyMatch(sql -> sql.contains("join call_extensions e"))
          .anyMatch(sql -> sql.contains("from contact_phones p"));

      List<String> bad = new ArrayList<>();
      try (Handle handle = jdbi.open()) {
        for (String sql : captured) {
          bad.addAll(badLines(sql, plan(handle, sql)));
        }
      }
      assertThat(bad).as("plans that read a table whole or a tenant's rows whole").isEmpty();
    }
  }

  /** SQLite's plan of {@code sql}, its parameters unbound, one line a step. */
  static List<String> plan(Handle handle, String sql) throws java.sql.SQLException {
    List<String> lines = new ArrayList<>();
    try (var statement = handle.getConnection().createStatement();
        var result = statement.executeQuery("explain query plan " + sql)) {
      while (result.next()) {
        lines.add(result.getString(4));
      }
    }
    return lines;
  }

  /** Lines of {@code plan} that read a table whole, or search it by its tenant only. */
  static List<String> badLines(String sql, List<String> plan) {
    Set<String> subqueries = new HashSet<>();
    List<String> bad = new ArrayList<>();
    for (String line : plan) {
      Matcher subquery = SUBQUERY.matcher(line);
      if (subquery.matches()) {
        subqueries.add(subquery.group(2));
        continue;
      }
      Matcher step = PLAN_LINE.matcher(line);
      if (!step.matches()
          || subqueries.contains(step.group(2))
          || line.equals("SCAN CONSTANT ROW")
          || sql.startsWith(AGENT_BOARD)) {
        continue;
      }
      boolean wholeTable = step.group(1).equals("SCAN");
      boolean tenantOnly = step.group(3).endsWith("(tenant_id=?)");
      if (wholeTable || tenantOnly) {
        bad.add(line + "   in   " + sql);
      }
    }
    return bad;
  }
}
