package dev.switchboard.app.bench;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.server.HttpServerDefaults;
import dev.switchboard.store.DatabaseSettings;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench intake}: durable webhook intake against a do-nothing endpoint on the
 * same HTTP server, then latency at a fixed rate.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = "Measures the hub on this machine and prints the figures.",
    subcommands = {
      BenchCommand.Intake.class,
      SoakCommand.class,
      QueryBenchCommand.class,
      HostileBenchCommand.class,
      DispatchBenchCommand.class,
      StartupBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The intake benchmark. */
  @Command(
      name = "intake",
      mixinStandardHelpOptions = true,
      description = {
        "Starts a do-nothing endpoint on the hub's HTTP server settings (Javalin, virtual"
            + " threads) and a hub on a fresh database, loads both over real HTTP with the same"
            + " webhook mix (--calls calls in progress, each with its own agent; every seed event"
            + " type, ChangeStatus included), and prints throughput, latency at a fixed rate, and"
            + " the time from a webhook's 200 to its arrival at live-stream clients. The load"
            + " generator runs in this process and shares the CPU.",
      })
  static final class Intake implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        paramLabel = "SECONDS",
        names = "--seconds",
        defaultValue = "10",
        description = "Length of each phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
        paramLabel = "SECONDS",
        names = "--warmup",
        defaultValue = "10",
        description =
            "Load sent to each endpoint before it is measured, so that both are measured compiled"
                + " (the hub has far more code for the JIT to compile than the do-nothing"
                + " endpoint; default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        paramLabel = "C",
        names = {"--connections", "--concurrency"},
        defaultValue = "64",
        description = "Concurrent senders for throughput (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        paramLabel = "CALLS",
        names = "--calls",
        defaultValue = "400",
        description =
            "Calls in progress at once, each answered by its own agent (default:"
                + " ${DEFAULT-VALUE}).")
    int calls;

    @Option(
        paramLabel = "EVENTS_PER_SECOND",
        names = "--rate",
        defaultValue = "1000",
        description = "Events a second for the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        paramLabel = "N",
        names = "--stream-clients",
        defaultValue = "100",
        description =
            "Live-stream clients (GET /v1/stream) for the live-path phase; 0 leaves it out"
                + " (default: ${DEFAULT-VALUE}).")
    int streamClients;

    @Option(
        paramLabel = "EVENTS_PER_SECOND",
        names = "--stream-rate",
        defaultValue = "200",
        description =
            "Webhooks a second during the live-path phase, each change pushed to every client"
                + " (default: ${DEFAULT-VALUE}).")
    int streamRate;

    @Option(
        names = "--db",
        paramLabel = "JDBC_URL",
        description = "Database (default: a fresh SQLite file in a temporary folder).")
    String database;

    @Option(
        names = "--nodes",
        paramLabel = "N[,N...]",
        split = ",",
        defaultValue = "1",
        description =
            "Hub nodes sharing the database, each count measured in turn, webhooks round robin"
                + " over the nodes (more than one needs --db jdbc:postgresql://...; default:"
                + " ${DEFAULT-VALUE}). The nodes run in this process and share its CPU.")
    List<Integer> nodes;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(
        names = "--chart",
        paramLabel = "PREFIX",
        description =
            "Also write the figures as SVG bar charts: PREFIX-throughput.svg and"
                + " PREFIX-latency.svg (e.g. docs/images/bench-intake-sqlite).")
    String chart;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      atLeastOne("--seconds", seconds);
      atLeastZero("--warmup", warmup);
      atLeastOne("--connections", concurrency);
      atLeastOne("--calls", calls);
      atLeastOne("--rate", rate);
      atLeastOne("--stream-rate", streamRate);
      atLeastZero("--stream-clients", streamClients);
      for (int count : nodes) {
        if (count < 1 || count > 8) {
          throw new IllegalArgumentException("--nodes: " + count + " is not between 1 and 8");
        }
        if (count > 1 && (database == null || !database.startsWith("jdbc:postgresql:"))) {
          throw new IllegalArgumentException(
              "--nodes "
                  + count
                  + ": several hub nodes share a PostgreSQL database; give --db"
                  + " jdbc:postgresql://...");
        }
      }
      Machine machine = Machine.now();
      Path folder = Files.createTempDirectory("switchboard-bench");
      DatabaseSettings settings =
          DatabaseSettings.of(
              database != null ? database : "jdbc:sqlite:" + folder.resolve("bench.db"));
      Duration length = Duration.ofSeconds(seconds);
      LoadGenerator load = new LoadGenerator();
      IntakeMix mix = IntakeMix.of(Edition.V2);
      if (!json) {
        out.printf(
            "switchboard bench intake: %d s phases after %d s of warm-up each, %d connections, %d"
                + " calls in progress (one agent each), database %s%n",
            seconds, warmup, concurrency, calls, settings.redactedUrl());
        out.printf("  machine: %s%n", machine.describe());
        out.printf(
            "  mix: each agent's calls cycle through 4 answered (the first announced to its queue"
                + " by a ring notification), 1 outbound, 1 not answered, 1 abandoned, 1 busy (with"
                + " an empty calldata first), a pause and an unpause: %d webhooks, %d of them"
                + " ChangeStatus, every seed event type, formatted as a v2 PBX sends them%n",
            mix.cycle().size(),
            mix.cycle().stream().filter(t -> t.startsWith("/api/Agent/ChangeStatus")).count());
        out.flush();
      }

      Javalin noop =
          Javalin.create(
                  config -> {
                    HttpServerDefaults.apply(config);
                    String ok = CrmReply.OK.toJson();
                    config.routes.get(
                        "/noop/api/<path>", ctx -> ctx.contentType("application/json").result(ok));
                  })
              .start("127.0.0.1", 0);
      LoadGenerator.Result baseline;
      LoadGenerator.Result baselinePaced;
      try {
        String base = "http://127.0.0.1:" + noop.port() + "/noop";
        load.closedLoop(
            mix.urls(base, "warm", calls, 10_000), concurrency, Duration.ofSeconds(warmup));
        baseline = load.closedLoop(mix.urls(base, "noop", calls, 20_000), concurrency, length);
        baselinePaced = load.openLoop(mix.urls(base, "noop-paced", calls, 30_000), rate, length);
      } finally {
        noop.stop();
      }

      HubConfig config =
          HubConfig.defaults()
              .withPort(0)
              .withDatabase(settings)
              .withApiToken("bench-token-" + System.nanoTime())
              .withIntake(
                  new HubConfig.Intake(
                      SourceNetworks.loopback(), 1_000_000, 1_000_000, 100_000, 1000));
      List<NodesRun> runs = new ArrayList<>();
      try {
        for (int i = 0; i < nodes.size(); i++) {
          runs.add(runNodes(config, nodes.get(i), i, mix, load, length));
        }
      } finally {
        deleteQuietly(folder);
      }
      machine = machine.finished();
      long failures = baseline.failures() + baselinePaced.failures();
      for (NodesRun run : runs) {
        failures += run.durable().failures() + run.paced().failures();
      }
      if (chart != null) {
        writeCharts(settings, baseline, runs.get(0));
      }
      if (json) {
        out.println(
            JsonMappers.create()
                .writeValueAsString(toJson(machine, settings, baseline, baselinePaced, runs)));
        return failures == 0 ? 0 : 1;
      }
      printTable(out, machine, baseline, baselinePaced, runs);
      out.println();
      if (failures == 0) {
        out.println("  failures: none (every request of every phase answered HTTP 200)");
        return 0;
      }
      out.printf("  failures: %,d request(s) not answered HTTP 200:%n", failures);
      failures(out, "do-nothing, throughput", baseline);
      failures(out, "do-nothing, latency", baselinePaced);
      for (NodesRun run : runs) {
        String nodesLabel = runs.size() > 1 ? ", " + run.nodes() + " node(s)" : "";
        failures(out, "durable, throughput" + nodesLabel, run.durable());
        failures(out, "durable, latency" + nodesLabel, run.paced());
      }
      out.println("  (exit status 1: the figures above include failed requests)");
      return 1;
    }

    private void printTable(
        PrintWriter out,
        Machine machine,
        LoadGenerator.Result baseline,
        LoadGenerator.Result baselinePaced,
        List<NodesRun> runs) {
      NodesRun first = runs.get(0);
      LoadGenerator.Result durable = first.durable();
      out.printf("%n  throughput, %d connections as fast as answers come:%n", concurrency);
      bar(out, "do-nothing endpoint", baseline.perSecond(), baseline.perSecond());
      bar(out, "durable intake", durable.perSecond(), baseline.perSecond());
      latency(out, "do-nothing endpoint", baseline);
      latency(out, "durable intake", durable);
      out.printf(
          "%n  durable / do-nothing = %.2f (target >= 0.50)%n",
          durable.perSecond() / baseline.perSecond());
      out.printf(
          "  writer thread CPU    %.0f us per event (the one writer's own work: SQL, folding,"
              + " JSON; less sensitive to a busy machine than req/s)%n",
          first.writerCpuMicrosPerEvent());
      out.printf("%n  latency at %d requests/s for %d s:%n", rate, seconds);
      latency(out, "do-nothing endpoint", baselinePaced);
      latency(out, "durable intake", first.paced());
      out.println("  (target: durable intake p99 <= 5 ms)");
      first
          .live()
          .ifPresent(
              live -> {
                out.printf(
                    "%n  live path: %d /v1/stream clients, %d webhooks/s for %d s:%n",
                    streamClients, streamRate, seconds);
                out.printf(
                    "  %-20s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   %,d of %,d arrivals%n",
                    "200 to each client",
                    live.percentileMicros(50) / 1000.0,
                    live.percentileMicros(99) / 1000.0,
                    live.percentileMicros(100) / 1000.0,
                    live.expected() - live.missing(),
                    live.expected());
                out.println(
                    "  (target: p99 <= 20 ms; an arrival is each client's first change of each"
                        + " call, timed from that call's first 200)");
              });
      if (runs.size() > 1 || first.nodes() > 1) {
        out.printf("%n  hub nodes on one database (webhooks round robin over the nodes):%n");
        double one = first.durable().perSecond();
        for (NodesRun run : runs) {
          bar(
              out,
              run.nodes() + (run.nodes() == 1 ? " node" : " nodes"),
              run.durable().perSecond(),
              baseline.perSecond());
        }
        for (NodesRun run : runs) {
          out.printf(
              "  %d node(s): %.2f of %d node(s)' throughput, writers' CPU %.0f us per event,"
                  + " p99 at %d/s %.2f ms%n",
              run.nodes(),
              run.durable().perSecond() / one,
              first.nodes(),
              run.writerCpuMicrosPerEvent(),
              rate,
              run.paced().percentileMicros(99) / 1000.0);
        }
        out.println(
            "  (the nodes share this process and its cores: the ratio shows what coordinating"
                + " through the database costs, not what more machines would add)");
      }
      out.printf("%n  machine after: %s%n", machine.describe());
      if (machine.busy()) {
        out.println("  " + machine.warning());
      }
    }

    private Map<String, Object> toJson(
        Machine machine,
        DatabaseSettings settings,
        LoadGenerator.Result baseline,
        LoadGenerator.Result baselinePaced,
        List<NodesRun> runs) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bench", "intake");
      json.put("machine", machine.toJson());
      json.put("database", settings.redactedUrl());
      json.put("seconds", seconds);
      json.put("warmup_seconds", warmup);
      json.put("connections", concurrency);
      json.put("calls_in_progress", calls);
      json.put("rate", rate);
      json.put("do_nothing", phase(baseline));
      json.put("do_nothing_at_rate", phase(baselinePaced));
      List<Map<String, Object>> byNodes = new ArrayList<>();
      for (NodesRun run : runs) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("nodes", run.nodes());
        one.put("durable", phase(run.durable()));
        one.put("durable_at_rate", phase(run.paced()));
        one.put("ratio", run.durable().perSecond() / baseline.perSecond());
        one.put("writer_cpu_us_per_event", run.writerCpuMicrosPerEvent());
        run.live()
            .ifPresent(
                live -> {
                  Map<String, Object> stream = new LinkedHashMap<>();
                  stream.put("clients", streamClients);
                  stream.put("rate", streamRate);
                  stream.put("p50_ms", live.percentileMicros(50) / 1000.0);
                  stream.put("p99_ms", live.percentileMicros(99) / 1000.0);
                  stream.put("max_ms", live.percentileMicros(100) / 1000.0);
                  stream.put("arrivals", live.expected() - live.missing());
                  stream.put("expected", live.expected());
                  one.put("live", stream);
                });
        byNodes.add(one);
      }
      json.put("runs", byNodes);
      return json;
    }

    private void writeCharts(DatabaseSettings settings, LoadGenerator.Result baseline, NodesRun run)
        throws IOException {
      String database = settings.jdbcUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "SQLite";
      new SvgBarChart(
              "Webhook intake, "
                  + database
                  + ", "
                  + concurrency
                  + " connections, "
                  + calls
                  + " calls in progress (target: half the do-nothing endpoint)",
              "req/s",
              Optional.of(baseline.perSecond() / 2),
              true)
          .bar("do-nothing endpoint", baseline.perSecond())
          .bar("durable intake", run.durable().perSecond())
          .write(Path.of(chart + "-throughput.svg"));
      SvgBarChart latency =
          new SvgBarChart(
                  "p99 latency, "
                      + database
                      + " (targets: 5 ms at "
                      + rate
                      + "/s, 20 ms to a"
                      + " stream client)",
                  "ms",
                  Optional.empty(),
                  false)
              .bar("intake at " + rate + "/s", run.paced().percentileMicros(99) / 1000.0);
      run.live()
          .ifPresent(
              live ->
                  latency.bar(
                      "200 to " + streamClients + " clients", live.percentileMicros(99) / 1000.0));
      latency.write(Path.of(chart + "-latency.svg"));
    }

    private static Map<String, Object> phase(LoadGenerator.Result result) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("requests", result.requests());
      json.put("per_second", result.perSecond());
      json.put("p50_ms", result.percentileMicros(50) / 1000.0);
      json.put("p99_ms", result.percentileMicros(99) / 1000.0);
      json.put("max_ms", result.percentileMicros(100) / 1000.0);
      json.put("failed", result.failures());
      json.put("failure_reasons", result.failureReasons());
      return json;
    }

    /**
     * One count of nodes measured: throughput, latency at the fixed rate and, for the first count,
     * the live path.
     */
    record NodesRun(
        int nodes,
        LoadGenerator.Result durable,
        LoadGenerator.Result paced,
        double writerCpuMicrosPerEvent,
        Optional<StreamProbe.Arrivals> live) {}

    private NodesRun runNodes(
        HubConfig config, int count, int index, IntakeMix mix, LoadGenerator load, Duration length)
        throws Exception {
      List<Hub> hubs = new ArrayList<>();
      try {
        String token = null;
        for (int i = 0; i < count; i++) {
          Hub hub = Hub.start(config, Clock.systemUTC());
          hubs.add(hub);
          if (hub.startup().defaultTenant().isPresent()) {
            token = hub.startup().defaultTenant().orElseThrow().token();
          }
        }
        if (token == null) {
          // The database was used before: a new token for the tenant the first start made.
          token = hubs.get(0).tenants().rotateToken("default").token();
        }
        List<String> bases = new ArrayList<>();
        for (Hub hub : hubs) {
          bases.add(hub.baseUrl() + "/hooks/" + token);
        }
        String run = "n" + count + "-" + System.nanoTime();
        // Each phase has agents of its own (a run's first "ring" of an agent is not a repeat).
        int agents = 100_000 * (index + 1);
        load.closedLoop(
            roundRobin(mix, bases, run + "-warm", agents), concurrency, Duration.ofSeconds(warmup));
        long writerCpuBefore = writerCpuNanos();
        LoadGenerator.Result durable =
            load.closedLoop(
                roundRobin(mix, bases, run + "-max", agents + 10_000), concurrency, length);
        double cpu =
            (writerCpuNanos() - writerCpuBefore) / 1000.0 / Math.max(1, durable.requests());
        LoadGenerator.Result paced =
            load.openLoop(roundRobin(mix, bases, run + "-paced", agents + 20_000), rate, length);
        Optional<StreamProbe.Arrivals> live = Optional.empty();
        if (index == 0 && streamClients > 0) {
          live =
              Optional.of(
                  live(
                      hubs.get(0),
                      roundRobin(mix, bases, run + "-live", agents + 30_000),
                      load,
                      length));
        }
        return new NodesRun(count, durable, paced, cpu, live);
      } finally {
        for (Hub hub : hubs) {
          hub.close();
        }
      }
    }

    /**
     * The live path: {@link #streamClients} clients on the first node's stream while the mix goes
     * in at {@link #streamRate}; each call's first 200 against its arrival at each client.
     */
    private StreamProbe.Arrivals live(
        Hub hub, LongFunction<String> urls, LoadGenerator load, Duration length) throws Exception {
      HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try (StreamProbe probe =
          StreamProbe.open(
              streams,
              hub.baseUrl() + "/v1/stream?tenant=default",
              hub.config().apiToken().orElseThrow(),
              streamClients)) {
        Map<String, Long> answered = new ConcurrentHashMap<>();
        load.openLoop(
            urls,
            streamRate,
            length,
            (url, at) -> {
              int from = url.indexOf("callid=");
              if (from >= 0) {
                int to = url.indexOf('&', from);
                answered.putIfAbsent(url.substring(from + 7, to < 0 ? url.length() : to), at);
              }
            });
        return probe.latencies(answered, Duration.ofSeconds(5));
      } finally {
        streams.close();
      }
    }

    /** The event mix, the n-th event sent to node n mod N: one call's events reach every node. */
    private LongFunction<String> roundRobin(
        IntakeMix mix, List<String> bases, String run, int firstAgent) {
      List<LongFunction<String>> perNode =
          bases.stream().map(b -> mix.urls(b, run, calls, firstAgent)).toList();
      return n -> perNode.get((int) (n % perNode.size())).apply(n);
    }

    /** CPU time the hub's writer thread ({@code event-writer}) has used, in nanoseconds. */
    private static long writerCpuNanos() {
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      return Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("event-writer"))
          .mapToLong(t -> threads.getThreadCpuTime(t.threadId()))
          .filter(n -> n > 0)
          .sum();
    }

    private static void atLeastOne(String option, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(option + " must be at least 1 (got " + value + ")");
      }
    }

    private static void atLeastZero(String option, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(option + " must be 0 or more (got " + value + ")");
      }
    }

    private static void failures(PrintWriter out, String phase, LoadGenerator.Result result) {
      if (result.failures() > 0) {
        out.printf("    %-24s %,d  %s%n", phase, result.failures(), result.failureReasons());
      }
    }

    private static void latency(PrintWriter out, String label, LoadGenerator.Result result) {
      out.printf(
          "  %-20s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   %d failed%n",
          label,
          result.percentileMicros(50) / 1000.0,
          result.percentileMicros(99) / 1000.0,
          result.percentileMicros(100) / 1000.0,
          result.failures());
    }

    private static void bar(PrintWriter out, String label, double perSecond, double scale) {
      int width = (int) Math.round(40 * perSecond / scale);
      out.printf("  %-20s %s %,.0f req/s%n", label, "#".repeat(Math.max(1, width)), perSecond);
    }

    private static void deleteQuietly(Path folder) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder left behind is harmless
      }
    }
  }
}
