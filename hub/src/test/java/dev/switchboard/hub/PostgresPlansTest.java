package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Database;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write path's plans on PostgreSQL never analyzed (autovacuum off): the statements the hub
 * really runs for a many-agent mix (captured from its writer), explained as generic plans (what a
 * prepared statement keeps) while the log is empty and again with 200,000 events and 40,000 calls,
 * use the indexes meant for them and never scan a whole table of the write path (issue 14).
 */
@PostgresTest
class PostgresPlansTest {
  private static final Set<String> WRITE_PATH_TABLES =
      Set.of("events", "calls", "call_extensions", "agents", "contact_phones", "contacts");

  private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));

  @Test
  @Timeout(180)
  void writePathPlansUseTheirIndexesOnATableNeverAnalyzed() throws Exception {
    try (TestHub hub =
        TestHub.start(TestDatabases.postgres().orElseThrow(), clock, UnaryOperator.identity())) {
      Jdbi jdbi = hub.hub.database().jdbi();
      List<String> captured = WritePathStatements.capture(hub);
      assertThat(captured)
          .as("the write path's statements were captured")
          .anyMatch(sql -> sql.contains("from events where tenant_id = ? and callid = ?"))
          .anyMatch(sql -> sql.contains("from events where tenant_id = ? and extension = ?"))
          .anyMatch(sql -> sql.startsWith("insert into events"))
          .anyMatch(sql -> sql.startsWith("insert into calls"))
          .anyMatch(sql -> sql.contains("from contact_phones"))
          .anyMatch(sql -> sql.contains("customer_e164 = ?"))
          .anyMatch(sql -> sql.contains("max(seq)"));

      try (Handle handle = jdbi.open()) {
        assertThat(handle.createQuery("show plan_cache_mode").mapTo(String.class).one())
            .as("the hub's connections plan each execution for its values")
            .isEqualTo("force_custom_plan");

        // Nearly empty: the plan a prepared statement would keep for the connection's life.
        for (String sql : captured) {
          if (sql.contains("from events where tenant_id = ? and callid = ?")) {
            assertThat(genericPlan(handle, sql)).contains("events_by_call_seq");
          }
        }

        fill(handle);
        assertThat(
                handle
                    .createQuery("select reltuples from pg_class where oid = 'events'::regclass")
                    .mapTo(Double.class)
                    .list())
            .as("the event log was never analyzed")
            .containsOnly(-1.0);
        for (String sql : captured) {
          String plan = genericPlan(handle, sql);
          for (String table : WRITE_PATH_TABLES) {
            assertThat(plan).as(sql).doesNotContain("Seq Scan on " + table + " ");
          }
          if (sql.contains("from events where tenant_id = ? and callid = ?")) {
            assertThat(plan).as(sql).contains("events_by_call_seq");
          }
          if (sql.contains("from events where tenant_id = ? and extension = ?")) {
            assertThat(plan).as(sql).contains("events_by_extension");
          }
          if (sql.contains("customer_e164 = ? and callid <> ?")) {
            assertThat(plan).as(sql).contains("calls_by_customer");
          }
        }
      }
    }
  }

  /** 200,000 events of 40,000 calls by 500 agents, their calls and extensions; not analyzed. */
  private static void fill(Handle handle) {
    for (String table : List.of("events", "calls", "call_extensions")) {
      // As on a server with autovacuum off: never analyzed, whatever this cluster's setting.
      handle.execute("alter table " + table + " set (autovacuum_enabled = false)");
    }
    handle.execute(
        "insert into events (seq, tenant_id, received_at, source, type, callid, extension,"
            + " fields, dedupe_hash) select m.last + g, 'fill', 1700000000000 + g, 'webhook', case"
            + " g % 5 when 1 then 'agent_status' else 'incoming_call' end, 'fill-' || (g / 5), 'x'"
            + " || (g % 500), '{}', md5(g::text) from generate_series(1, 200000) g, (select"
            + " coalesce(max(seq), 0) as last from events) m");
    handle.execute(
        "insert into calls (tenant_id, callid, direction, customer_e164, customer_digits, queue,"
            + " state, first_seen_at, last_seq, record) select 'fill', 'fill-' || g, 'inbound',"
            + " '+8490' || lpad(g::text, 7, '0'), '90' || lpad(g::text, 7, '0'), '999', 'ended',"
            + " 1700000000000 + g, g, '{}' from generate_series(1, 40000) g");
    handle.execute(
        "insert into call_extensions select 'fill', 'fill-' || g, 'x' || (g % 500), 1700000000000"
            + " + g from generate_series(1, 40000) g");
  }

  /** The generic plan of {@code sql} (its {@code ?} parameters unknown), as EXPLAIN prints it. */
  private static String genericPlan(Handle handle, String sql) {
    StringBuilder numbered = new StringBuilder();
    int parameters = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?') {
        numbered.append('$').append(++parameters);
      } else {
        numbered.append(c);
      }
    }
    handle.execute("set plan_cache_mode = force_generic_plan");
    try {
      handle.execute("prepare plan_probe as " + numbered);
      String nulls = String.join(", ", java.util.Collections.nCopies(parameters, "null"));
      return String.join(
          "\n",
          handle
              .createQuery(
                  "explain execute plan_probe" + (parameters == 0 ? "" : "(" + nulls + ")"))
              .mapTo(String.class)
              .list());
    } finally {
      handle.execute("deallocate all");
      handle.execute(Database.POSTGRES_SESSION);
    }
  }
}
