package dev.switchboard.app.bench;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.protocol.Edition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench startup}: the hub as an operator runs it, in a process of its own with
 * the launcher's heap settings: the time from the process's start to ready, its resident memory
 * idle, under sustained intake, and idle again.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Starts `switchboard hub` as its own process (this jar, the launcher's -Xms64m -Xmx512m) on a"
          + " fresh SQLite file, several times, with the launcher's start-up archive (written"
          + " first when a build made it stale), and prints the time from the process's start to"
          + " its ready line; then the resident memory (VmRSS) of the last one idle, every few"
          + " seconds under the intake bench's many-agent mix, and idle again after it.",
    })
final class StartupBenchCommand implements Callable<Integer> {
  private static final Pattern READY = Pattern.compile("ready in ([0-9.]+) s on (\\S+)");
  private static final Pattern WEBHOOK = Pattern.compile("webhook URL\\s+(\\S+/hooks/\\S+)");
  private static final String TOKEN = "startup-bench-token-12345678";

  @Spec CommandSpec spec;

  @Option(
      names = "--starts",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Starts timed (the first also creates the database; default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(
      names = "--load-seconds",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Length of the sustained load (default: ${DEFAULT-VALUE}).")
  int loadSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (starts < 1 || loadSeconds < 1) {
      throw new IllegalArgumentException("--starts and --load-seconds must be at least 1");
    }
    Machine machine = Machine.now();
    Path folder = Files.createTempDirectory("switchboard-startup");
    String db = "jdbc:sqlite:" + folder.resolve("hub.db");
    out.printf(
        "switchboard bench startup: %d starts of `switchboard hub` on a fresh SQLite file%n",
        starts);
    out.printf("  machine: %s%n%n", machine.describe());
    out.flush();
    List<Double> seconds = new ArrayList<>();
    String webhookBase = null; // printed once, by the start that made the tenant
    try {
      if (Child.archiveMissing()) {
        // As the launcher does after a build: the first run writes the start-up archive as it ends.
        Path warmFolder = Files.createTempDirectory("switchboard-startup-first");
        try (Child first = Child.start("jdbc:sqlite:" + warmFolder.resolve("hub.db"))) {
          out.printf(
              "  first start after a build: %.2f s to ready (it writes the start-up archive as it"
                  + " ends; not counted)%n",
              first.readySeconds);
          out.flush();
        } finally {
          deleteTree(warmFolder);
        }
      }
      for (int i = 1; i <= starts; i++) {
        try (Child hub = Child.start(db)) {
          seconds.add(hub.readySeconds);
          if (webhookBase == null) {
            webhookBase = hub.webhookBase;
          }
          out.printf(
              "  start %d%s  %s %.2f s to ready (the hub's own count: %.1f s)%n",
              i,
              i == 1 ? " (new database)" : "               ",
              "#".repeat((int) Math.max(1, Math.round(hub.readySeconds * 20))),
              hub.readySeconds,
              hub.ownSeconds);
          out.flush();
          if (i == starts) {
            memory(out, hub, webhookBase);
          }
        }
      }
      List<Double> again = seconds.subList(Math.min(1, seconds.size() - 1), seconds.size());
      out.printf(
          "%n  start to ready: %.2f s with a new database, %.2f s at most on an existing one"
              + " (target: 2 s)%n",
          seconds.get(0), again.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      out.printf(
          "  load average after: %.2f (the hub runs in other processes: no CPU share is told)%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      return 0;
    } finally {
      deleteTree(folder);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The hub's memory idle, under the mix, and idle again. */
  private void memory(PrintWriter out, Child hub, String webhookBase) throws Exception {
    Thread.sleep(5_000);
    long idle = hub.rss();
    out.printf("%n  resident memory idle (5 s after ready): %s (target: 250 MiB)%n", mib(idle));
    out.printf("  under the many-agent mix (32 connections), every 5 s:%n");
    out.flush();
    LoadGenerator load = new LoadGenerator();
    CompletableFuture<LoadGenerator.Result> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return load.closedLoop(
                    IntakeMix.of(Edition.V2)
                        .urls(
                            hub.baseUrl + webhookBase.substring(webhookBase.indexOf("/hooks/")),
                            "startup",
                            400,
                            10_000),
                    32,
                    Duration.ofSeconds(loadSeconds));
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
              }
            });
    long most = idle;
    for (int s = 5; s <= loadSeconds; s += 5) {
      Thread.sleep(5_000);
      long rss = hub.rss();
      most = Math.max(most, rss);
      out.printf("    %3d s  %s %s%n", s, "#".repeat((int) Math.max(1, rss / (8 << 20))), mib(rss));
      out.flush();
    }
    LoadGenerator.Result result = running.join();
    Thread.sleep(10_000);
    long after = hub.rss();
    out.printf(
        "  %,.0f webhooks/s, %d failed%s; resident memory at most %s under load, %s idle 10 s"
            + " after%n",
        result.perSecond(),
        result.failures(),
        result.failures() == 0 ? "" : " " + result.failureReasons(),
        mib(most),
        mib(after));
  }

  private static String mib(long bytes) {
    return String.format("%,d MiB", bytes / (1024 * 1024));
  }

  /** {@code switchboard hub} in a process of its own, until closed. */
  private static final class Child implements AutoCloseable {
    private final Process process;
    private final double readySeconds;
    private final double ownSeconds; // as the hub counts it, from its main() to ready
    private final String baseUrl;
    private final String webhookBase; // only when this start made the tenant

    private Child(
        Process process,
        double readySeconds,
        double ownSeconds,
        String baseUrl,
        String webhookBase) {
      this.process = process;
      this.readySeconds = readySeconds;
      this.ownSeconds = ownSeconds;
      this.baseUrl = baseUrl;
      this.webhookBase = webhookBase;
    }

    /** This jar, which the child runs. */
    private static Path jar() {
      return Path.of(
          StartupBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    /**
     * The hub's start-up archive beside the jar, where the {@code switchboard} launcher keeps it.
     */
    private static Path archive() {
      return jar().resolveSibling("switchboard-hub.jsa");
    }

    /**
     * Whether the start-up archive is still to be written: missing, or older than the jar (then it
     * is stale and deleted, as the launcher does).
     */
    static boolean archiveMissing() throws IOException {
      Path archive = archive();
      if (Files.exists(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar())) <= 0) {
        Files.delete(archive);
      }
      return !Files.exists(archive);
    }

    static Child start(String db) throws IOException, InterruptedException {
      String java = ProcessHandle.current().info().command().orElse("java");
      // The launcher's settings: its heap, and its start-up archive (written when missing).
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xms64m",
                  "-Xmx512m",
                  "-XX:+ExitOnOutOfMemoryError",
                  "-XX:SharedArchiveFile=" + archive(),
                  "-XX:+AutoCreateSharedArchive",
                  "-Xlog:cds*=off",
                  "-jar",
                  jar().toString(),
                  "hub",
                  "--port",
                  "0",
                  "--db",
                  db)
              .redirectErrorStream(true);
      builder.environment().put("SWITCHBOARD_API_TOKEN", TOKEN);
      builder.environment().put("SWITCHBOARD_RATE_PER_SECOND", "100000");
      builder.environment().put("SWITCHBOARD_RATE_BURST", "100000");
      long started = System.nanoTime();
      Process process = builder.start();
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String webhook = null;
      String base = null;
      double ready = -1;
      double own = -1;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher url = WEBHOOK.matcher(line);
        if (url.find()) {
          webhook = url.group(1);
        }
        Matcher readyLine = READY.matcher(line);
        if (readyLine.find()) {
          ready = (System.nanoTime() - started) / 1e9;
          own = Double.parseDouble(readyLine.group(1));
          base = readyLine.group(2);
        }
        if (ready >= 0 && (webhook != null || line.contains("Press Ctrl-C"))) {
          break;
        }
      }
      if (ready < 0) {
        process.destroyForcibly();
        throw new IOException("the hub ended before it was ready");
      }
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  lines.lines().forEach(l -> {});
                } catch (java.io.UncheckedIOException ended) {
                  // the process ended
                }
              });
      return new Child(process, ready, own, base, webhook);
    }

    long rss() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
