package dev.switchboard.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.http.HostileTargets;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.Dialect;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench query} (or {@code bench report}): a store of a month of calls (1,000,000
 * by default) and the time the API takes to search it (each filter), to show one call, the month's
 * report and the data of the console's first paint. The calls' records are the hub's own: two calls
 * (one answered, one abandoned) go in as webhooks, and their stored records are the templates of
 * the generated ones, each with its own id, time, queue, agent, wait and talk time. The rollups are
 * then counted by the hub's own job, and {@code GET /v1/reports} is asked for the month over HTTP.
 */
@Command(
    name = "query",
    aliases = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a store with a month of generated calls (records made from real webhooks), lets the"
          + " hub count its report rollups, and times over HTTP: GET /v1/calls with each filter,"
          + " GET /v1/calls/{callid}, GET /v1/reports for the month (by queue, agent, day and hour)"
          + " and the requests of the console's first paint (calls, agent and wallboard pages).",
    })
final class QueryBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final ZoneId ZONE = GeneratedMonth.ZONE;
  private static final LocalDate MONTH = GeneratedMonth.MONTH;
  private static final int QUEUES = GeneratedMonth.QUEUES;
  private static final int AGENTS = GeneratedMonth.AGENTS;
  private static final String PASSWORD = "bench-query-password-1234";

  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Calls in the month (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "20",
      description = "Times the report is asked for (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database, empty (default: a fresh SQLite file in a temporary folder, deleted after).")
  String database;

  @Option(
      names = "--chart",
      paramLabel = "FILE.svg",
      description =
          "Also write the p95 of every search, the detail and the report as an SVG chart.")
  Path chart;

  @Option(
      names = "--keep",
      description = "Keep the SQLite file afterwards (its path is printed), to look into it.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (calls < 1 || calls > 20_000_000) {
      throw new IllegalArgumentException("--calls: must be between 1 and 20,000,000");
    }
    if (runs < 1 || runs > 1000) {
      throw new IllegalArgumentException("--runs: must be between 1 and 1000");
    }
    Path folder = Files.createTempDirectory("switchboard-bench-report");
    DatabaseSettings settings =
        DatabaseSettings.of(database != null ? database : "jdbc:sqlite:" + folder.resolve("r.db"));
    String token = "bench-report-token-" + System.nanoTime();
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDatabase(settings)
            .withApiToken(token)
            .withIntake(
                new HubConfig.Intake(
                    SourceNetworks.loopback(), 1_000_000, 1_000_000, 100_000, 1000));
    out.printf(
        "switchboard bench query: %,d calls in %s, %d queues, %d agents, database %s%n",
        calls, MONTH.getMonth(), QUEUES, AGENTS, settings.redactedUrl());
    Machine machine = Machine.now();
    out.printf("  machine: %s%n", machine.describe());
    out.flush();
    HttpClient http = HttpClient.newHttpClient();
    try (Hub hub = Hub.start(config, Clock.systemUTC())) {
      String hooks =
          hub.baseUrl()
              + "/hooks/"
              + hub.startup()
                  .defaultTenant()
                  .orElseThrow(
                      () -> new IllegalArgumentException("--db: the database must be empty"))
                  .token();
      long started = System.nanoTime();
      new GeneratedMonth(hub, http, token, calls).fill(hooks, out);
      double fillSeconds = (System.nanoTime() - started) / 1e9;
      started = System.nanoTime();
      hub.database()
          .jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "insert into report_dirty (tenant_id, bucket, generation) select distinct"
                          + " tenant_id, (first_seen_at / 900000) * 900000, 1 from calls where 1 = 1 on"
                          + " conflict (tenant_id, bucket) do update set generation ="
                          + " report_dirty.generation + 1"));
      int buckets = hub.reportRollups().runUntilClean();
      if (hub.database().dialect() == Dialect.POSTGRESQL) {
        // The planner's statistics of a freshly filled store, as autovacuum's analyze would have
        // them by now on a server where it runs (on this development machine it is off).
        hub.database().jdbi().useHandle(h -> h.execute("analyze"));
      }
      double rollupSeconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "%n  store built in %.0f s, %,d rollup buckets counted in %.0f s%n",
          fillSeconds, buckets, rollupSeconds);

      String url =
          hub.baseUrl() + "/v1/reports?from=" + MONTH + "&to=" + MONTH.plusMonths(1).minusDays(1);
      JsonNode report = JSON.readTree(get(http, url, token).body());
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < runs + 2; i++) {
        long t = System.nanoTime();
        HttpResponse<String> reply = get(http, url, token);
        double ms = (System.nanoTime() - t) / 1e6;
        if (reply.statusCode() != 200) {
          throw new IllegalStateException("GET /v1/reports answered " + reply.statusCode());
        }
        if (i >= 2) {
          millis.add(ms); // the first two warm the JVM
        }
      }
      Collections.sort(millis);
      out.printf(
          "%n  GET /v1/reports for the month (%s), %d runs:%n", url.replaceAll(".*\\?", ""), runs);
      out.printf(
          "    p50 %.0f ms   p95 %.0f ms   max %.0f ms   (target: under 500 ms)%n",
          percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1));
      out.printf("    %s%n", bar(percentile(millis, 95), 500));
      out.printf(
          "    the month's totals: offered %s, answered %s, abandoned %s; %d agent rows;"
              + " %d buckets counted live%n",
          total(report, "offered"),
          total(report, "answered"),
          total(report, "abandoned"),
          report.path("by_agent").size(),
          report.path("buckets_counted_live").asInt());
      queries(out, http, hub, token);
      machine = machine.finished();
      out.printf("%n  machine after: %s%n", machine.describe());
      if (machine.busy()) {
        out.println("  " + machine.warning());
      }
      return 0;
    } finally {
      if (keep && database == null) {
        spec.commandLine().getOut().printf("  the store is kept: %s%n", folder.resolve("r.db"));
      } else if (database == null) {
        try (var files = Files.walk(folder)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Times the call search with each filter, one call's detail and the console's first paint, each
   * {@link #runs} times (after two to warm up) with the parameters varied over the store.
   */
  private void queries(PrintWriter out, HttpClient http, Hub hub, String token) throws Exception {
    Random random = new Random(7);
    List<String> phones =
        hub.database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select customer_e164 from calls where callid in (<ids>)")
                        .bindList(
                            "ids",
                            random.ints(runs + 2, 0, calls).mapToObj(i -> "bench-" + i).toList())
                        .mapTo(String.class)
                        .list());
    String base = hub.baseUrl();
    Auth api = Auth.token(token);
    java.util.function.IntFunction<String> day =
        n -> {
          LocalDate date = MONTH.plusDays(n % 30);
          return "from="
              + date.atStartOfDay(ZONE).toInstant()
              + "&to="
              + date.plusDays(1).atStartOfDay(ZONE).toInstant();
        };
    out.printf(
        "%n  GET /v1/calls over %,d calls, %d runs each (target: p95 under 50 ms, the | mark):%n",
        calls, runs);
    List<Timing> searches = new ArrayList<>();
    searches.add(timed(http, api, "newest 50, no filter", n -> base + "/v1/calls?limit=50"));
    searches.add(timed(http, api, "one day", n -> base + "/v1/calls?limit=50&" + day.apply(n)));
    searches.add(
        timed(
            http,
            api,
            "phone",
            n ->
                base
                    + "/v1/calls?limit=50&phone="
                    + phones.get(n % phones.size()).replace("+", "%2B")));
    searches.add(
        timed(
            http,
            api,
            "extension",
            n -> base + "/v1/calls?limit=50&extension=" + (1000 + (n * 37) % AGENTS)));
    searches.add(
        timed(http, api, "queue", n -> base + "/v1/calls?limit=50&queue=" + (900 + n % QUEUES)));
    searches.add(
        timed(http, api, "outcome missed", n -> base + "/v1/calls?limit=50&outcome=missed"));
    searches.add(
        timed(http, api, "direction inbound", n -> base + "/v1/calls?limit=50&direction=inbound"));
    searches.add(
        timed(
            http,
            api,
            "queue, missed, one day",
            n ->
                base
                    + "/v1/calls?limit=50&outcome=missed&queue="
                    + (900 + n % QUEUES)
                    + "&"
                    + day.apply(n)));
    searches.add(
        timed(
            http,
            api,
            "extension, one day",
            n ->
                base
                    + "/v1/calls?limit=50&extension="
                    + (1000 + (n * 37) % AGENTS)
                    + "&"
                    + day.apply(n)));
    searches.add(
        timed(http, api, "one call", n -> base + "/v1/calls/bench-" + random.nextInt(calls)));
    searches.forEach(t -> out.println(t.line(50)));
    if (chart != null) {
      SvgBarChart svg =
          new SvgBarChart(
              String.format(
                  "p95 over %,d calls, %s (target: 50 ms)",
                  calls, hub.database().dialect() == Dialect.POSTGRESQL ? "PostgreSQL" : "SQLite"),
              "ms",
              java.util.Optional.of(50.0),
              false);
      searches.forEach(t -> svg.bar(t.label(), percentile(t.millis(), 95)));
      svg.write(chart);
    }

    out.printf(
        "%n  the console's first paint, its requests one after the other (our target: p95 under 200 ms, the | mark):%n");
    // As the console asks, with a supervisor's session (all queues) and an agent's.
    hub.users()
        .add(
            new User(
                "bench-supervisor",
                Tenant.DEFAULT_ID,
                null,
                Role.SUPERVISOR,
                Optional.empty(),
                Optional.empty(),
                "vi"),
            PASSWORD);
    hub.users()
        .add(
            new User(
                "bench-agent",
                Tenant.DEFAULT_ID,
                null,
                Role.AGENT,
                Optional.of("1042"),
                Optional.of(List.of("903")),
                "vi"),
            PASSWORD);
    Auth supervisor =
        new Auth("Cookie", HostileTargets.logIn(base, "bench-supervisor", PASSWORD).cookie());
    Auth agent = new Auth("Cookie", HostileTargets.logIn(base, "bench-agent", PASSWORD).cookie());
    List<Timing> paints = new ArrayList<>();
    paints.add(
        timed(
            http,
            supervisor,
            "calls page (supervisor)",
            n -> base + "/v1/me",
            n -> base + "/v1/calls?limit=50"));
    paints.add(
        timed(
            http,
            agent,
            "agent page (agent 1042)",
            n -> base + "/v1/me",
            n -> base + "/v1/agents",
            n -> base + "/v1/calls?limit=15&extension=1042",
            n -> base + "/v1/calls?limit=10&outcome=missed&queue=903",
            n -> base + "/v1/screen-pops"));
    paints.add(
        timed(
            http,
            supervisor,
            "wallboard (supervisor)",
            n -> base + "/v1/me",
            n -> base + "/v1/wallboard"));
    paints.add(
        timed(
            http,
            supervisor,
            "reports page, a month",
            n -> base + "/v1/me",
            n -> base + "/v1/reports?from=" + MONTH + "&to=" + MONTH.plusMonths(1).minusDays(1)));
    paints.forEach(t -> out.println(t.line(200)));
  }

  /**
   * A timed request (or sequence of requests): its label, sorted milliseconds, and each request's
   * median when there are several.
   */
  private record Timing(String label, List<Double> millis, List<String> parts) {
    String line(double target) {
      return parts.isEmpty() ? bar(target) : bar(target) + "\n      " + String.join(", ", parts);
    }

    private String bar(double target) {
      double p95 = percentile(millis, 95);
      int width = (int) Math.max(1, Math.min(50, Math.round(25 * p95 / target)));
      String bar =
          width <= 25
              ? "#".repeat(width) + " ".repeat(25 - width) + "|"
              : "#".repeat(25) + "|" + "#".repeat(width - 25) + " (over " + (int) target + " ms)";
      return String.format(
          "    %-24s p50 %6.1f ms  p95 %6.1f ms  %s", label, percentile(millis, 50), p95, bar);
    }
  }

  /** How a request is let in: the API token, or a console session's cookie. */
  private record Auth(String header, String value) {
    static Auth token(String token) {
      return new Auth("Authorization", "Bearer " + token);
    }
  }

  /** Asks for {@code urls} (one after the other) {@code runs + 2} times; the first two warm up. */
  @SafeVarargs
  private Timing timed(
      HttpClient http, Auth auth, String label, java.util.function.IntFunction<String>... urls)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    List<List<Double>> each = new ArrayList<>();
    for (int i = 0; i < urls.length; i++) {
      each.add(new ArrayList<>());
    }
    for (int n = 0; n < runs + 2; n++) {
      long started = System.nanoTime();
      for (int i = 0; i < urls.length; i++) {
        String u = urls[i].apply(n);
        long one = System.nanoTime();
        HttpResponse<String> reply = get(http, u, auth);
        if (n >= 2) {
          each.get(i).add((System.nanoTime() - one) / 1e6);
        }
        if (reply.statusCode() != 200) {
          throw new IllegalStateException(
              "GET "
                  + u.replaceAll("^http://[^/]+", "")
                  + " answered "
                  + reply.statusCode()
                  + ": "
                  + reply.body());
        }
      }
      if (n >= 2) {
        millis.add((System.nanoTime() - started) / 1e6);
      }
    }
    Collections.sort(millis);
    List<String> parts = new ArrayList<>();
    if (urls.length > 1) {
      for (int i = 0; i < urls.length; i++) {
        List<Double> sorted = new ArrayList<>(each.get(i));
        Collections.sort(sorted);
        String path = urls[i].apply(0).replaceAll("^http://[^/]+", "");
        parts.add(String.format("%s %.0f ms", path, percentile(sorted, 50)));
      }
    }
    return new Timing(label, millis, parts);
  }

  private static String total(JsonNode report, String field) {
    return String.format("%,d", report.path("totals").path(field).asLong());
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static String bar(double ms, double target) {
    int width = (int) Math.max(1, Math.min(60, Math.round(40 * ms / target)));
    String bar = "#".repeat(width);
    return width < 40
        ? "p95 " + bar + " ".repeat(40 - width) + "| " + (int) target + " ms"
        : "p95 "
            + bar.substring(0, 40)
            + "|"
            + bar.substring(40)
            + " (over "
            + (int) target
            + " ms)";
  }

  static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    return get(http, url, Auth.token(token));
  }

  private static HttpResponse<String> get(HttpClient http, String url, Auth auth) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header(auth.header(), auth.value())
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
