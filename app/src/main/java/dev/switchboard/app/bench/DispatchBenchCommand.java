package dev.switchboard.app.bench;

import dev.switchboard.app.SwitchboardVersion;
import dev.switchboard.pbx.dispatch.Destination;
import dev.switchboard.pbx.dispatch.DispatchSettings;
import dev.switchboard.pbx.dispatch.WebhookDispatcher;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.RawFields;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.protocol.webhook.WebhookRequest;
import dev.switchboard.server.HttpServerDefaults;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench dispatch}: the emulator's webhook dispatcher (durable outbox, per-call
 * order, retries) against a plain loop of the same kind of HTTP client sending the same requests,
 * both to a local receiver that answers at once.
 */
@Command(
    name = "dispatch",
    mixinStandardHelpOptions = true,
    versionProvider = SwitchboardVersion.class,
    description = {
      "Sends the same webhooks (the intake bench's many-agent mix) to a local receiver that"
          + " answers the seeds' OK at once: first from a plain loop of the JDK's HTTP client"
          + " (as many at once as the dispatcher sends), then through the emulator's dispatcher from"
          + " a fresh outbox they were first enqueued in (timed apart). Prints both delivery"
          + " rates and their ratio, and checks that the dispatcher delivered every webhook once,"
          + " each call's and each agent's in the order they were enqueued.",
      "Exit status 0 only when every webhook arrived once and in order."
    })
final class DispatchBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--webhooks",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Webhooks sent by each side (default: ${DEFAULT-VALUE}).")
  int webhooks;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "The outbox's database (default: a fresh SQLite file, deleted after).")
  String database;

  @Option(
      names = "--chart",
      paramLabel = "FILE.svg",
      description = "Also write the two rates as an SVG bar chart.")
  Path chart;

  /** One webhook: its ordering key (callid or agent) and request. */
  private record Planned(String key, WebhookRequest request) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (webhooks < 100 || webhooks > 1_000_000) {
      throw new IllegalArgumentException(
          "--webhooks must be between 100 and 1,000,000 (got " + webhooks + ")");
    }
    Machine machine = Machine.now();
    List<Planned> planned = plan(webhooks);
    DispatchSettings settings = DispatchSettings.defaults();
    Path folder = Files.createTempDirectory("switchboard-dispatch");
    DatabaseSettings outbox =
        DatabaseSettings.of(
            database != null ? database : "jdbc:sqlite:" + folder.resolve("outbox.db"));
    out.printf(
        "switchboard bench dispatch: %,d webhooks of the many-agent mix, %d at once, outbox %s%n",
        webhooks, settings.maxInFlight(), outbox.redactedUrl());
    out.printf("  machine: %s%n", machine.describe());
    out.flush();
    Receiver receiver = new Receiver();
    Javalin server =
        Javalin.create(
                config -> {
                  HttpServerDefaults.apply(config);
                  String ok = CrmReply.OK.toJson();
                  config.routes.get(
                      "/crm/api/<path>",
                      ctx -> {
                        receiver.received(ctx.path().substring(4) + "?" + ctx.queryString());
                        ctx.contentType("application/json").result(ok);
                      });
                })
            .start("127.0.0.1", 0);
    try {
      String base = "http://127.0.0.1:" + server.port() + "/crm";
      receiver.counting = false;
      plainLoop(base, planned.subList(0, Math.min(2000, planned.size())), settings.maxInFlight());
      long started = System.nanoTime();
      plainLoop(base, planned, settings.maxInFlight());
      double plainSeconds = (System.nanoTime() - started) / 1e9;

      receiver.counting = true;
      double enqueueSeconds;
      double dispatchSeconds;
      try (Database db = Database.open(outbox, "pbx");
          WebhookDispatcher dispatcher =
              new WebhookDispatcher(db, Clock.systemUTC(), settings, new SimpleMeterRegistry())) {
        // The outbox filled first (as after an outage, or a burst of calls), then delivered: the
        // delivery is what is compared with the plain loop, the enqueueing is timed on its own.
        Destination destination = Destination.get(base);
        started = System.nanoTime();
        for (Planned webhook : planned) {
          dispatcher.enqueue("default", webhook.key(), destination, webhook.request());
        }
        enqueueSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        dispatcher.start();
        // Counted at the receiver (asking the outbox every few milliseconds would load it), then
        // the outbox is asked once; a webhook that never comes ends the wait after ten minutes.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (receiver.total() < webhooks && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        dispatchSeconds = (System.nanoTime() - started) / 1e9;
        while (dispatcher.stats().pending() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      machine = machine.finished();
      double plain = webhooks / plainSeconds;
      double dispatched = webhooks / dispatchSeconds;
      out.println();
      bar(out, "plain client loop", plain, plain);
      bar(out, "dispatcher", dispatched, plain);
      out.printf(
          "%n  dispatcher / plain loop = %.2f (target >= 0.70); enqueueing them first ran at %,.0f"
              + " webhooks/s (one thread, a commit each)%n",
          dispatched / plain, webhooks / enqueueSeconds);
      if (chart != null) {
        new SvgBarChart(
                "Webhook dispatch to a receiver that answers at once (target: 70% of the plain loop)",
                "webhooks/s", java.util.Optional.of(plain * 0.7), true)
            .bar("plain client loop", plain)
            .bar("dispatcher (durable outbox)", dispatched)
            .write(chart);
      }
      List<String> problems = receiver.check(planned);
      out.printf(
          "  delivered: %,d of %,d, %s%n",
          receiver.total(),
          webhooks,
          problems.isEmpty()
              ? "each once, each call's and agent's in enqueue order"
              : problems.size() + " PROBLEM(S)");
      problems.stream().limit(10).forEach(p -> out.println("    " + p));
      out.printf("  machine after: %s%n", machine.describe());
      if (machine.busy()) {
        out.println("  " + machine.warning());
      }
      return problems.isEmpty() ? 0 : 1;
    } finally {
      server.stop();
      if (database == null) {
        deleteQuietly(folder);
      }
    }
  }

  /** {@code count} webhooks of the intake mix, as requests with their ordering keys. */
  private static List<Planned> plan(int count) {
    LongFunction<String> urls = IntakeMix.of(Edition.V2).urls("", "dispatch", 200, 3000);
    List<Planned> planned = new ArrayList<>(count);
    for (long n = 0; n < count; n++) {
      String url = urls.apply(n);
      int question = url.indexOf('?');
      WebhookPath path = WebhookPath.fromRequestPath(url.substring(0, question)).orElseThrow();
      RawFields fields = RawFields.fromQuery(url.substring(question + 1));
      String key =
          fields
              .get("callid")
              .orElseGet(() -> "agent:default:" + fields.get("extension").orElse("queue"));
      planned.add(new Planned(key, new WebhookRequest(path, fields)));
    }
    return planned;
  }

  /** The same requests from {@code senders} threads of one JDK client, as the dispatcher sends. */
  private static void plainLoop(String base, List<Planned> planned, int senders)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < planned.size();
                        i = next.getAndIncrement()) {
                      HttpRequest.Builder request =
                          HttpRequest.newBuilder(
                                  URI.create(base + planned.get(i).request().pathAndQuery()))
                              .timeout(Duration.ofSeconds(10));
                      WebhookRequest.GET_HEADERS.forEach(request::header);
                      try {
                        HttpResponse<String> reply =
                            client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (reply.statusCode() != 200) {
                          throw new IllegalStateException("the receiver answered " + reply);
                        }
                      } catch (IOException | InterruptedException failed) {
                        throw new IllegalStateException(failed);
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    client.close();
  }

  /** What arrived, in order, by path and query. Thread-safe. */
  private static final class Receiver {
    private final List<String> arrived = new ArrayList<>(); // guarded by this
    volatile boolean counting;

    void received(String pathAndQuery) {
      if (counting) {
        synchronized (this) {
          arrived.add(pathAndQuery);
        }
      }
    }

    synchronized int total() {
      return arrived.size();
    }

    /** What differs from {@code planned}: a webhook missing or repeated, a key out of order. */
    synchronized List<String> check(List<Planned> planned) {
      Map<String, String> keyOf = new HashMap<>();
      Map<String, List<String>> sent = new LinkedHashMap<>();
      for (Planned webhook : planned) {
        String url = webhook.request().pathAndQuery();
        keyOf.put(url, webhook.key());
        sent.computeIfAbsent(webhook.key(), k -> new ArrayList<>()).add(url);
      }
      Map<String, List<String>> got = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (String url : arrived) {
        String key = keyOf.get(url);
        if (key == null) {
          problems.add("never enqueued: " + url);
        } else {
          got.computeIfAbsent(key, k -> new ArrayList<>()).add(url);
        }
      }
      sent.forEach(
          (key, urls) -> {
            List<String> received = got.getOrDefault(key, List.of());
            if (!received.equals(urls)) {
              problems.add(
                  key
                      + ": enqueued "
                      + urls.size()
                      + ", delivered "
                      + received.size()
                      + (received.size() == urls.size() ? " out of order" : ""));
            }
          });
      return problems;
    }
  }

  private static void bar(PrintWriter out, String label, double perSecond, double scale) {
    int width = (int) Math.round(40 * perSecond / scale);
    out.printf(
        "  %-20s %s %,.0f webhooks/s%n",
        label, "#".repeat(Math.max(1, Math.min(60, width))), perSecond);
  }

  private static void deleteQuietly(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
