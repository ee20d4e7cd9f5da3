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
import java.util.Comparator;
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
    subcommands = {BenchCommand.Intake.class, SoakCommand.class})
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

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      atLeastOne("--seconds", seconds);
      atLeastOne("--concurrency", concurrency);
      atLeastOne("--rate", rate);
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
      LoadGenerator.Result durable;
      LoadGenerator.Result paced;
      double writerCpuPerEvent;
      try (Hub hub = Hub.start(config, Clock.systemUTC())) {
        String base =
            hub.baseUrl() + "/hooks/" + hub.startup().defaultTenant().orElseThrow().token();
        load.closedLoop(events(base, "warm"), concurrency, Duration.ofSeconds(2));
        long writerCpuBefore = writerCpuNanos();
        durable = load.closedLoop(events(base, "max"), concurrency, length);
        writerCpuPerEvent =
            (writerCpuNanos() - writerCpuBefore) / 1000.0 / Math.max(1, durable.requests());
        paced = load.openLoop(events(base, "paced"), rate, length);
      } finally {
        deleteQuietly(folder);
      }

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
      long failures =
          baseline.failures() + baselinePaced.failures() + durable.failures() + paced.failures();
      out.println();
      if (failures == 0) {
        out.println("  failures: none (every request of every phase answered HTTP 200)");
        return 0;
      }
      out.printf("  failures: %,d request(s) not answered HTTP 200:%n", failures);
      failures(out, "do-nothing, throughput", baseline);
      failures(out, "do-nothing, latency", baselinePaced);
      failures(out, "durable, throughput", durable);
      failures(out, "durable, latency", paced);
      out.println("  (exit status 1: the figures above include failed requests)");
      return 1;
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
