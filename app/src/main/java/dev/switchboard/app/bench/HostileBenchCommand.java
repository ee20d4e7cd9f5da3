package dev.switchboard.app.bench;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.hub.Hub;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.http.HostileTargets;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.server.testing.Category;
import dev.switchboard.server.testing.HostileGenerator;
import dev.switchboard.server.testing.HostileRun;
import dev.switchboard.server.testing.Tally;
import dev.switchboard.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench hostile}: the hostile-request kit at scale against a hub on a fresh
 * SQLite file: webhooks, {@code /v1} and the console's routes with a session, every category, and
 * what the hub's memory does meanwhile.
 */
@Command(
    name = "hostile",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Starts a hub on a fresh SQLite file and sends it hostile requests over raw sockets (broken"
          + " framing and escapes, raw bytes, huge parts, odd methods, injected text, wrong"
          + " credentials, slow clients) against its webhook paths, its /v1 routes and the"
          + " console's pages and routes with a logged-in session. Prints each category as it"
          + " ends: the replies by status, violations (a 5xx, a refusal not in the documented"
          + " shape, a secret in a reply, something stored by a refused request), GET /health"
          + " after it, and the process's resident memory.",
      "Exit status 0 only when no category found a violation and the hub kept serving."
    })
final class HostileBenchCommand implements Callable<Integer> {
  private static final String PASSWORD = "hostile-bench-password-1234";
  private static final int PART = 200;

  @Spec CommandSpec spec;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Requests in all, shared equally by the categories but the slow clients (default:"
              + " ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--slow-clients",
      paramLabel = "N",
      defaultValue = "60",
      description =
          "Slow clients (each takes most of a second; six at a time; default: ${DEFAULT-VALUE}).")
  int slowClients;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the requests: the same seed sends the same ones (default: 1).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Category> categories = new ArrayList<>(List.of(Category.values()));
    if (requests < categories.size()) {
      throw new IllegalArgumentException(
          "--requests must be at least " + categories.size() + " (got " + requests + ")");
    }
    if (slowClients < 0) {
      throw new IllegalArgumentException(
          "--slow-clients must be 0 or more (got " + slowClients + ")");
    }
    Machine machine = Machine.now();
    Path folder = Files.createTempDirectory("switchboard-hostile");
    String apiToken = "hostile-bench-" + System.nanoTime();
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDatabase(DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db")))
            .withApiToken(apiToken)
            .withIntake(
                new HubConfig.Intake(SourceNetworks.loopback(), 1_000_000, 1_000_000, 10_000, 500));
    int eachCategory = requests / (categories.size() - 1);
    try (Hub hub = Hub.start(config, Clock.systemUTC())) {
      String token = hub.startup().defaultTenant().orElseThrow().token();
      HostileTargets.ConsoleSession session =
          HostileTargets.newAdmin(hub.users(), hub.baseUrl(), "hostile-admin", PASSWORD);
      var targets = HostileTargets.of(token, apiToken, session);
      HostileGenerator generator = new HostileGenerator(seed, targets);
      HostileRun run =
          new HostileRun(
              hub.port(),
              Duration.ofSeconds(10),
              generator.anyShape(),
              generator.secrets(),
              () -> HostileTargets.stored(hub.database()));
      long rssBefore = residentBytes();
      out.printf(
          "switchboard bench hostile: %,d requests (%,d a category, %d slow clients) over %d"
              + " targets (webhooks, /v1, console), seed %d, a hub on SQLite%n",
          eachCategory * (categories.size() - 1) + slowClients,
          eachCategory,
          slowClients,
          targets.size(),
          seed);
      out.printf("  machine: %s%n", machine.describe());
      out.printf("  resident memory before: %s%n%n", mib(rssBefore));
      out.flush();
      long sent = 0;
      long violations = 0;
      long serverErrors = 0;
      long rssMax = rssBefore;
      boolean serving = true;
      for (Category category : categories) {
        int count = category == Category.SLOW_CLIENTS ? slowClients : eachCategory;
        if (count == 0) {
          continue;
        }
        // A part at a time: the oversize requests of a whole category would not fit the heap.
        Tally tally = null;
        for (int from = 0; from < count; from += PART) {
          Tally part =
              run.run(category, generator.generate(category, from, Math.min(count, from + PART)));
          tally = tally == null ? part : tally.plus(part);
        }
        int health = run.health();
        long rss = residentBytes();
        rssMax = Math.max(rssMax, rss);
        sent += tally.requests();
        violations += tally.violationCount();
        long fiveHundreds = serverErrors(tally.outcomes());
        serverErrors += fiveHundreds;
        serving &= health == 200;
        out.printf(
            "  %-24s %,7d in %6.1f s  5xx %d  violations %d  /health %d  RSS %s%n",
            category,
            tally.requests(),
            tally.took().toMillis() / 1000.0,
            fiveHundreds,
            tally.violationCount(),
            health,
            mib(rss));
        tally.violations().stream().limit(5).forEach(v -> out.println("      " + v));
        out.flush();
      }
      machine = machine.finished();
      out.printf(
          "%n  %,d requests: %d violation(s), %d server error(s), the hub %s%n",
          sent, violations, serverErrors, serving ? "kept serving" : "STOPPED SERVING");
      out.printf(
          "  resident memory: %s before, %s at most, %s after (target: bounded)%n",
          mib(rssBefore), mib(rssMax), mib(residentBytes()));
      out.printf("  machine after: %s%n", machine.describe());
      return violations == 0 && serverErrors == 0 && serving ? 0 : 1;
    } finally {
      deleteQuietly(folder);
    }
  }

  /** Replies of 500 and above, but the HTTP layer's 501 and 505 (a protocol it does not speak). */
  private static long serverErrors(Map<String, Integer> outcomes) {
    return outcomes.entrySet().stream()
        .filter(e -> e.getKey().matches("5\\d\\d") && !e.getKey().matches("50[15]"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** This process's resident set size ({@code VmRSS} of {@code /proc/self/status}), or -1. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException noProc) {
      // not Linux
    }
    return -1;
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "?" : String.format("%,d MiB", bytes / (1024 * 1024));
  }

  private static void deleteQuietly(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
