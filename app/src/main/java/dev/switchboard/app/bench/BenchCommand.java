package dev.switchboard.app.bench;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.store.DatabaseSettings;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
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
    subcommands = {BenchCommand.Intake.class, SoakCommand.class, ReportBenchCommand.class})
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
        "Starts a hub on a fresh database and a do-nothing endpoint on the same HTTP server"
            + " (Javalin, virtual threads), loads both over real HTTP with realistic call events"
            + " (call_in ringing and answer, hangup, calldata; one call per four events), and prints"
            + " throughput and latency. The load generator runs in this process and shares the CPU.",
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
        paramLabel = "N",
        names = "--concurrency",
        defaultValue = "64",
        description = "Concurrent senders for throughput (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        paramLabel = "EVENTS_PER_SECOND",
        names = "--rate",
        defaultValue = "1000",
        description = "Events a second for the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

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

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      atLeastOne("--seconds", seconds);
      atLeastOne("--concurrency", concurrency);
      atLeastOne("--rate", rate);
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
      Path folder = Files.createTempDirectory("switchboard-bench");
      DatabaseSettings settings =
          DatabaseSettings.of(
              database != null ? database : "jdbc:sqlite:" + folder.resolve("bench.db"));
      Duration length = Duration.ofSeconds(seconds);
      LoadGenerator load = new LoadGenerator();
      out.printf(
          "switchboard bench intake: %d s phases, %d senders, %d cores, database %s%n",
          seconds, concurrency, Runtime.getRuntime().availableProcessors(), settings.redactedUrl());
      out.flush();

      Javalin noop =
          Javalin.create(
                  config -> {
                    config.startup.showJavalinBanner = false;
                    config.concurrency.useVirtualThreads = true;
                    String ok = CrmReply.OK.toJson();
                    config.routes.get(
                        "/noop/api/callcenter/<path>",
                        ctx -> ctx.contentType("application/json").result(ok));
                  })
              .start("127.0.0.1", 0);
      LoadGenerator.Result baseline;
      LoadGenerator.Result baselinePaced;
      try {
        String base = "http://127.0.0.1:" + noop.port() + "/noop";
        load.closedLoop(events(base, "warm"), concurrency, Duration.ofSeconds(2));
        baseline = load.closedLoop(events(base, "noop"), concurrency, length);
        baselinePaced = load.openLoop(events(base, "noop-paced"), rate, length);
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
        for (int count : nodes) {
          runs.add(runNodes(config, count, load, length));
        }
      } finally {
        deleteQuietly(folder);
      }
      NodesRun first = runs.get(0);
      LoadGenerator.Result durable = first.durable();
      LoadGenerator.Result paced = first.paced();
      double writerCpuPerEvent = first.writerCpuMicrosPerEvent();
      out.println();
      bar(out, "do-nothing endpoint", baseline.perSecond(), baseline.perSecond());
      bar(out, "durable intake", durable.perSecond(), baseline.perSecond());
      out.printf(
          "%n  durable / do-nothing = %.2f (target >= 0.50)%n",
          durable.perSecond() / baseline.perSecond());
      out.printf(
          "  writer thread CPU    %.0f us per event (the one writer's own work: SQL, folding,"
              + " JSON; less sensitive to a busy machine than req/s)%n",
          writerCpuPerEvent);
      out.printf("%n  latency at %d requests/s for %d s:%n", rate, seconds);
      latency(out, "do-nothing endpoint", baselinePaced);
      latency(out, "durable intake", paced);
      out.println("  (target: durable intake p99 < 5 ms)");
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
      long failures = baseline.failures() + baselinePaced.failures();
      for (NodesRun run : runs) {
        failures += run.durable().failures() + run.paced().failures();
      }
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

    /** One count of nodes measured: throughput, then latency at the fixed rate. */
    record NodesRun(
        int nodes,
        LoadGenerator.Result durable,
        LoadGenerator.Result paced,
        double writerCpuMicrosPerEvent) {}

    private NodesRun runNodes(HubConfig config, int count, LoadGenerator load, Duration length)
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
        load.closedLoop(roundRobin(bases, run + "-warm"), concurrency, Duration.ofSeconds(2));
        long writerCpuBefore = writerCpuNanos();
        LoadGenerator.Result durable =
            load.closedLoop(roundRobin(bases, run + "-max"), concurrency, length);
        double cpu =
            (writerCpuNanos() - writerCpuBefore) / 1000.0 / Math.max(1, durable.requests());
        LoadGenerator.Result paced = load.openLoop(roundRobin(bases, run + "-paced"), rate, length);
        return new NodesRun(count, durable, paced, cpu);
      } finally {
        for (Hub hub : hubs) {
          hub.close();
        }
      }
    }

    /** The event mix, the n-th event sent to node n mod N: one call's events reach every node. */
    private static LongFunction<String> roundRobin(List<String> bases, String run) {
      List<LongFunction<String>> perNode = bases.stream().map(b -> events(b, run)).toList();
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

    /** The n-th event: four per call, each call with its own callid. */
    static LongFunction<String> events(String base, String run) {
      return n -> {
        String call = "bench-" + run + "-" + (n / 4);
        switch ((int) (n % 4)) {
          case 0:
            return base
                + "/api/callcenter/call_in?phone=0938363739&queue=999&extension=10"
                + (n % 10)
                + "&callid="
                + call
                + "&event=RINGING&did=19002028";
          case 1:
            return base
                + "/api/callcenter/call_in?phone=0938363739&queue=999&extension=10"
                + (n % 10)
                + "&callid="
                + call
                + "&event=ANSWER&did=19002028";
          case 2:
            return base + "/api/callcenter/hangup?callid=" + call;
          default:
            return base
                + "/api/callcenter/calldata?callid="
                + call
                + "&calldate=2024-03-01%2013:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound";
        }
      };
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
