package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.contacts.ContactImport;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.TestDatabases;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No webhook is refused while other writers work on the same SQLite file beside intake: a second
 * pool doing what {@code hub sync} does (its own writer merging the PBX's report), another doing
 * what {@code hub import-contacts} does, API actions writing the audit log, and the scheduled jobs
 * (sweeps, call-data look-ups), all while many webhooks stream in at once.
 */
class SqliteWritersTest {
  private static final int SENDERS = 8;
  private static final int WEBHOOKS_EACH = 150;

  @TempDir Path folder;

  private final AtomicInteger reportCalls = new AtomicInteger();

  /** A PBX answering its call-record report with twenty new calls each time, anything else OK. */
  private HttpServer fakePbx() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body;
          if (exchange.getRequestURI().getPath().contains("Reports/cdr")) {
            int batch = reportCalls.incrementAndGet();
            List<CdrEntry> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
              entries.add(
                  new CdrEntry(
                      "cdr-" + batch + "-" + i,
                      Optional.of("2024-03-01 13:15:40"),
                      Optional.of("0938363739"),
                      Optional.of("101"),
                      Optional.of(Direction.INBOUND),
                      Optional.of(30L),
                      Optional.of(20L),
                      Optional.of(CallStatus.ANSWER),
                      Optional.empty()));
            }
            body = new CdrReply(entries).toJson();
          } else {
            body = "{\"result\":\"OK\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }

  @Test
  @Timeout(600)
  void noWebhookIsRefusedWhileOtherWritersShareTheFile() throws Exception {
    DatabaseSettings database = TestDatabases.sqlite(folder);
    HttpServer pbx = fakePbx();
    ExecutorService workers = Executors.newFixedThreadPool(6);
    try (TestHub hub =
        TestHub.start(
            database,
            Clock.systemUTC(),
            config ->
                config.withIntake(
                    new HubConfig.Intake(
                        config.intake().bareSeedPaths(), 100_000, 100_000, 10_000, 500)))) {
      hub.hub
          .tenants()
          .setPbx(
              Tenant.DEFAULT_ID,
              new PbxSettings(
                  "http://127.0.0.1:" + pbx.getAddress().getPort(),
                  Optional.empty(),
                  new PbxKey("k".repeat(32)),
                  "example.com"));
      AtomicBoolean streaming = new AtomicBoolean(true);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      List<Future<?>> beside = new ArrayList<>();
      // hub sync: a second pool and writer on the same file.
      beside.add(
          workers.submit(
              loop(
                  "sync",
                  streaming,
                  failures,
                  runs,
                  () -> {
                    try (Hub sync =
                        Hub.startWriterOnly(hub.hub.config().withPort(0), Clock.systemUTC())) {
                      for (int i = 0; i < 5 && streaming.get(); i++) {
                        sync.cdrSync().runOnce();
                      }
                    }
                  })));
      // hub import-contacts: another pool, batches of 500 rows per transaction.
      beside.add(
          workers.submit(
              loop(
                  "import",
                  streaming,
                  failures,
                  runs,
                  () -> {
                    // As hub import-contacts opens it (HubDatabase): beside a serving hub.
                    try (Database imports = Database.openInBackground(database, "hub")) {
                      StringBuilder csv = new StringBuilder("name,phones,external_id\n");
                      for (int i = 0; i < 1200; i++) {
                        csv.append("Contact ")
                            .append(i)
                            .append(",09120")
                            .append(String.format("%05d", i))
                            .append(",ext-")
                            .append(i)
                            .append('\n');
                      }
                      new ContactImport(
                              imports.jdbi(),
                              new ContactStore(imports.jdbi(), Clock.systemUTC()),
                              Tenant.DEFAULT_ID,
                              imports.pacing())
                          .run(new StringReader(csv.toString()), done -> {});
                    }
                  })));
      // API actions, each written to the audit log.
      beside.add(
          workers.submit(
              loop(
                  "actions",
                  streaming,
                  failures,
                  runs,
                  () -> {
                    TestHub.Reply reply = hub.api("POST", "/v1/agents/101/pause", null);
                    assertThat(reply.status()).as(reply.body()).isLessThan(500);
                  })));
      // The scheduled jobs, stepped as fast as they go.
      beside.add(
          workers.submit(
              loop(
                  "jobs",
                  streaming,
                  failures,
                  runs,
                  () -> {
                    hub.hub.sweeper().runOnce();
                    hub.hub.callDataLookup().runOnce();
                  })));

      List<Future<List<Integer>>> senders = new ArrayList<>();
      ExecutorService sending = Executors.newFixedThreadPool(SENDERS);
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        senders.add(sending.submit(() -> send(hub, sender)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<List<Integer>> sender : senders) {
        statuses.addAll(sender.get());
      }
      streaming.set(false);
      for (Future<?> worker : beside) {
        worker.get();
      }
      sending.shutdown();

      assertThat(statuses).hasSize(SENDERS * WEBHOOKS_EACH).containsOnly(200);
      assertThat(failures).isEmpty();
      assertThat(runs.keySet()).containsExactlyInAnyOrder("sync", "import", "actions", "jobs");
      assertThat(reportCalls.get()).isPositive();
      long audit =
          hub.hub
              .database()
              .jdbi()
              .withHandle(
                  h -> h.createQuery("select count(*) from audit_log").mapTo(Long.class).one());
      assertThat(audit).isEqualTo(runs.get("actions").get());
    } finally {
      workers.shutdownNow();
      pbx.stop(0);
    }
  }

  private static Runnable loop(
      String name,
      AtomicBoolean streaming,
      List<Throwable> failures,
      Map<String, AtomicInteger> runs,
      ThrowingRunnable work) {
    return () -> {
      while (streaming.get()) {
        try {
          work.run();
          runs.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        } catch (Throwable failed) {
          failures.add(new AssertionError(name + " failed", failed));
          return;
        }
      }
    };
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** One sender's webhooks: calls ringing, answered, ended, pending data, agent statuses. */
  private static List<Integer> send(TestHub hub, int sender) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < WEBHOOKS_EACH; i++) {
      String call = "w" + sender + "-" + (i / 5);
      String extension = Integer.toString(200 + sender);
      String path =
          switch (i % 5) {
            case 0 ->
                "/api/callcenter/call_in?phone=0938363739&extension="
                    + extension
                    + "&callid="
                    + call;
            case 1 -> "/api/Agent/ChangeStatus?extension=" + extension + "&status=talk";
            case 2 -> "/api/callcenter/calldata?callid=" + call + "&calldate=";
            case 3 -> "/api/callcenter/hangup?callid=" + call;
            default -> "/api/Agent/ChangeStatus?extension=" + extension + "&status=on";
          };
      HttpResponse<String> reply;
      try {
        reply =
            hub.client()
                .send(
                    HttpRequest.newBuilder(URI.create(hub.webhookBase + TestHub.escape(path)))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
      } catch (Exception failed) {
        throw new AssertionError("webhook " + i + " of sender " + sender + " failed", failed);
      }
      statuses.add(reply.statusCode());
    }
    return statuses;
  }
}
