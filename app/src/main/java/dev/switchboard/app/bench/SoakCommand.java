package dev.switchboard.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench soak}: the many-agent webhook mix ({@code webhooks.lua} for wrk) against
 * a hub with its default settings, minute after minute, printing each minute's throughput; passes
 * when the last minute is within 10% of the first and every webhook was answered 2xx (issue 14).
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a hub (default settings, rate limit included) on the database given and runs the"
          + " many-agent webhook mix with wrk (installed separately) for one-minute rounds, each"
          + " with new calls and agents, printing each minute's requests a second, p99 and"
          + " non-2xx answers, and the size of the event log. Exit status 0 when the last minute"
          + " holds within 10%% of the first and no webhook was refused.",
      "With --autovacuum off on PostgreSQL the hub's tables are never analyzed (autovacuum_enabled"
          + " = false on each): the plans made on the empty log must hold as it grows."
    })
final class SoakCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final String[] TABLES = {
    "events", "calls", "call_extensions", "agents", "agent_status_history"
  };

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database (default: a fresh SQLite file in a temporary folder).")
  String database;

  @Option(
      names = "--minutes",
      paramLabel = "N",
      defaultValue = "10",
      description = "Rounds of one minute (default: ${DEFAULT-VALUE}).")
  int minutes;

  @Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "2",
      description = "wrk threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--connections",
      paramLabel = "C",
      defaultValue = "50",
      description = "wrk connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--calls",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Calls in progress per wrk thread, each with its own agent (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--autovacuum",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "off: on PostgreSQL, disable autovacuum on the hub's tables, so they are never analyzed"
              + " (default: ${DEFAULT-VALUE}, the server's own setting).")
  String autovacuum;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description =
          "A round before the first minute, not counted, so the JIT's warm-up does not flatter the"
              + " last minute against the first (default: ${DEFAULT-VALUE}; 0 for none).")
  int warmup;

  @Option(
      names = "--wrk",
      paramLabel = "PATH",
      defaultValue = "wrk",
      description = "The wrk program (default: ${DEFAULT-VALUE}).")
  String wrk;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (minutes < 1 || threads < 1 || connections < threads || calls < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--minutes, --threads and --calls must be at least 1, --connections at least --threads,"
              + " --warmup at least 0");
    }
    boolean vacuumOff =
        switch (autovacuum.toLowerCase(Locale.ROOT)) {
          case "on" -> false;
          case "off" -> true;
          default ->
              throw new IllegalArgumentException(
                  "--autovacuum must be on or off (got '" + autovacuum + "')");
        };
    Path folder = Files.createTempDirectory("switchboard-soak");
    Path script = folder.resolve("webhooks.lua");
    try (InputStream lua = SoakCommand.class.getResourceAsStream("webhooks.lua")) {
      Files.copy(lua, script, StandardCopyOption.REPLACE_EXISTING);
    }
    DatabaseSettings settings =
        DatabaseSettings.of(
            database != null ? database : "jdbc:sqlite:" + folder.resolve("soak.db"));
    if (vacuumOff && settings.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("--autovacuum off is for a PostgreSQL --db");
    }
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDatabase(settings)
            .withApiToken("soak-token-" + System.nanoTime());
    out.printf(
        "switchboard bench soak: %d x 1 min of the many-agent mix (wrk -t%d -c%d, %d calls in"
            + " progress per thread), %d cores, database %s, rate limit %d/s (burst %d)%n",
        minutes,
        threads,
        connections,
        calls,
        Runtime.getRuntime().availableProcessors(),
        settings.redactedUrl(),
        config.intake().ratePerSecond(),
        config.intake().rateBurst());
    out.flush();
    List<Minute> rounds = new ArrayList<>();
    try (Hub hub = Hub.start(config, Clock.systemUTC())) {
      if (vacuumOff) {
        hub.database().jdbi().useHandle(SoakCommand::disableAutovacuum);
      }
      out.println("  before: " + tableState(hub, settings));
      String tenant = "soak-" + System.currentTimeMillis();
      String token =
          hub.tenants()
              .create(
                  new Tenant(
                      tenant, "soak", ZoneId.of("Asia/Ho_Chi_Minh"), SourceNetworks.loopback()))
              .token();
      String url = "http://127.0.0.1:" + hub.port();
      if (warmup > 0) {
        JsonNode warm = runWrk(script, url, "/hooks/" + token, tenant + "-warm", "0", warmup);
        out.printf(
            "  warm-up    %d s, %,.0f req/s (not counted)%n", warmup, warm.get("rps").asDouble());
        out.flush();
      }
      for (int minute = 1; minute <= minutes; minute++) {
        // New calls and new agents each round: the previous round's unfinished calls leave their
        // agents ringing, and a ring repeated to such an agent is (rightly) not stored.
        JsonNode result =
            runWrk(
                script,
                url,
                "/hooks/" + token,
                tenant + "-" + minute,
                String.valueOf(minute * 10_000),
                60);
        long logged =
            hub.database()
                .jdbi()
                .withHandle(
                    h ->
                        h.createQuery("select coalesce(max(seq), 0) from events")
                            .mapTo(Long.class)
                            .one());
        Minute round =
            new Minute(
                minute,
                result.get("rps").asDouble(),
                result.get("p99_us").asLong(),
                result.get("status").asLong()
                    + result.get("timeout").asLong()
                    + result.get("connect").asLong()
                    + result.get("read").asLong()
                    + result.get("write").asLong(),
                logged);
        rounds.add(round);
        double scale = rounds.get(0).perSecond();
        out.printf(
            "  minute %2d  %-40s %,7.0f req/s  p99 %7.1f ms  failed %,d  log %,d events  load %.1f%n",
            round.number(),
            "#".repeat((int) Math.max(1, Math.min(60, Math.round(40 * round.perSecond() / scale)))),
            round.perSecond(),
            round.p99Micros() / 1000.0,
            round.failed(),
            round.logged(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        out.flush();
      }
      out.println("  after:  " + tableState(hub, settings));
    } finally {
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder left behind is harmless
      }
    }
    double first = rounds.get(0).perSecond();
    double last = rounds.get(rounds.size() - 1).perSecond();
    long failed = rounds.stream().mapToLong(Minute::failed).sum();
    double ratio = last / first;
    boolean holds = ratio >= 0.9;
    out.printf(
        "%n  last / first minute = %.2f (%s: must be at least 0.90); failed requests: %,d%n",
        ratio, holds ? "holds" : "does NOT hold", failed);
    out.println(
        "  (load: the machine's 1-minute load average as each minute ended; above the core count,"
            + " other work shared the CPU and the figures vary with it)");
    return holds && failed == 0 ? 0 : 1;
  }

  private record Minute(int number, double perSecond, long p99Micros, long failed, long logged) {}

  private JsonNode runWrk(
      Path script, String url, String prefix, String tag, String extbase, int seconds)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            wrk,
            "-t" + threads,
            "-c" + connections,
            "-d" + seconds + "s",
            "-s",
            script.toString(),
            url,
            "--",
            prefix,
            tag,
            String.valueOf(calls),
            extbase);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException missing) {
      throw new IllegalArgumentException(
          "cannot run "
              + wrk
              + " (install wrk, or give its path with --wrk): "
              + missing.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk failed: " + output.strip());
    }
    Optional<String> line = output.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b);
    if (line.isEmpty()) {
      throw new IllegalStateException("wrk printed no RESULT line: " + output.strip());
    }
    return JSON.readTree(line.get().substring("RESULT ".length()));
  }

  private static void disableAutovacuum(Handle handle) {
    for (String table : TABLES) {
      handle.execute("alter table " + table + " set (autovacuum_enabled = false)");
    }
  }

  /** Rows and last analysis of the event log, as the planner sees them (PostgreSQL). */
  private static String tableState(Hub hub, DatabaseSettings settings) {
    if (settings.dialect() != Dialect.POSTGRESQL) {
      return "SQLite";
    }
    return hub.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select c.reltuples, s.n_live_tup, coalesce(greatest(s.last_analyze,"
                            + " s.last_autoanalyze)::text, 'never') as analyzed,"
                            + " array_to_string(c.reloptions, ',') as options from pg_class c join"
                            + " pg_stat_user_tables s on s.relid = c.oid where c.oid ="
                            + " 'events'::regclass")
                    .map(
                        (rs, ctx) ->
                            String.format(
                                "events: %,d live rows, planner's row count %s, last analyzed %s,"
                                    + " options %s",
                                rs.getLong("n_live_tup"),
                                rs.getDouble("reltuples") < 0
                                    ? "unknown (never analyzed)"
                                    : String.format("%,.0f", rs.getDouble("reltuples")),
                                rs.getString("analyzed"),
                                Optional.ofNullable(rs.getString("options")).orElse("none")))
                    .one());
  }
}
