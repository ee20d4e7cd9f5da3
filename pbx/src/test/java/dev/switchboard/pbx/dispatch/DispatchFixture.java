package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.dispatch.CrmReceiver.Received;
import dev.switchboard.protocol.webhook.RawFields;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.protocol.webhook.WebhookRequest;
import dev.switchboard.store.Database;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the dispatcher's contracts share: a real local CRM receiver, a real database per test (the
 * subclass says which), a hand-moved clock, and plans of webhooks as a busy PBX sends them.
 */
abstract class DispatchFixture {
  static final String TENANT = "t1";
  static final String CALL = "5e012a75-121b-4c10-bdb4-c4b235b6a677";

  /** The v2 seed's webhooks, verbatim after {CRM_URL}. */
  static final Map<WebhookPath, String> SEED_QUERIES =
      new LinkedHashMap<>(
          Map.of(
              WebhookPath.CALL_IN,
              "phone=0938363739&queue=999&extension=101&callid="
                  + CALL
                  + "&event=ANSWER&did=19002028",
              WebhookPath.HANGUP,
              "callid=" + CALL,
              WebhookPath.CALLDATA,
              "callid="
                  + CALL
                  + "&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER"
                  + "&did=19002028&extension=101&phone=0938363739&direction=Inbound"
                  + "&recordingfile=https://portal.voicecloud.vn/play_audio/data/"
                  + CALL,
              WebhookPath.INIT,
              "extension=101&phone=0938363739&callid=" + CALL + "&event=ANSWER",
              WebhookPath.AGENT_STATUS,
              "extension=101&status=talk"));

  static final Instant START = Instant.parse("2024-03-01T06:15:00Z");

  final MutableClock clock = new MutableClock(START);
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final List<AutoCloseable> toClose = new ArrayList<>();
  DatabaseSettings databaseSettings;
  Database database;
  CrmReceiver crm;

  /** A fresh, empty database for one test. */
  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    crm = CrmReceiver.start();
    databaseSettings = newDatabase();
    database = Database.open(databaseSettings, "pbx");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
    database.close();
    crm.close();
  }

  /** Settings with short times, fit for tests driven by hand. */
  static DispatchSettings quick() {
    return DispatchSettings.defaults()
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))
        .withRetries(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofHours(1))
        .withDrops(0, 42);
  }

  /**
   * {@link #quick()} with timeouts no loaded machine reaches, for tests that count attempts and
   * need every reply to arrive in time.
   */
  static DispatchSettings patient() {
    return quick().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  WebhookDispatcher dispatcher(DispatchSettings settings) {
    return dispatcher(database, clock, settings);
  }

  WebhookDispatcher dispatcher(Database on, Clock time, DispatchSettings settings) {
    WebhookDispatcher dispatcher = new WebhookDispatcher(on, time, settings, metrics);
    toClose.add(dispatcher);
    return dispatcher;
  }

  static WebhookRequest seed(WebhookPath path) {
    return new WebhookRequest(path, RawFields.fromQuery(SEED_QUERIES.get(path)));
  }

  static WebhookRequest hangup(String callId) {
    return new WebhookRequest(WebhookPath.HANGUP, RawFields.fromQuery("callid=" + callId));
  }

  /** Runs passes until one makes no attempt; returns the attempts made. */
  static int drain(WebhookDispatcher dispatcher) {
    int attempts = 0;
    for (int made = dispatcher.runOnce(); made > 0; made = dispatcher.runOnce()) {
      attempts += made;
    }
    return attempts;
  }

  double counted(String outcome) {
    return metrics.counter("switchboard.pbx.webhooks", "outcome", outcome).count();
  }

  record WebhookToSend(String key, WebhookRequest request) {}

  /** 30 calls of 4 webhooks and 4 agents of 5 statuses, interleaved as a busy PBX sends them. */
  static List<WebhookToSend> plan(Map<String, List<String>> expected) {
    List<List<WebhookToSend>> perKey = new ArrayList<>();
    for (int call = 0; call < 30; call++) {
      perKey.add(call("call-" + call).subList(0, 4));
    }
    for (int agent = 101; agent <= 104; agent++) {
      String key = "agent:" + TENANT + ":" + agent;
      List<WebhookToSend> webhooks = new ArrayList<>();
      for (String status : List.of("ring", "talk", "on", "pause", "off")) {
        webhooks.add(
            new WebhookToSend(
                key,
                new WebhookRequest(
                    WebhookPath.AGENT_STATUS,
                    RawFields.fromQuery("extension=" + agent + "&status=" + status))));
      }
      perKey.add(webhooks);
    }
    return interleaved(perKey, expected);
  }

  /** {@code count} calls of 5 webhooks each, interleaved as a busy PBX sends them. */
  static List<WebhookToSend> calls(int count, Map<String, List<String>> expected) {
    List<List<WebhookToSend>> perKey = new ArrayList<>();
    for (int call = 0; call < count; call++) {
      perKey.add(call("call-" + call));
    }
    return interleaved(perKey, expected);
  }

  /** An answered inbound call: call_in RINGING and ANSWER, hangup, final calldata, a late copy. */
  static List<WebhookToSend> call(String callId) {
    List<WebhookToSend> webhooks = new ArrayList<>();
    for (String query :
        List.of(
            "phone=0938363739&queue=999&extension=101&callid=" + callId + "&event=RINGING",
            "phone=0938363739&queue=999&extension=101&callid=" + callId + "&event=ANSWER")) {
      webhooks.add(
          new WebhookToSend(
              callId, new WebhookRequest(WebhookPath.CALL_IN, RawFields.fromQuery(query))));
    }
    webhooks.add(new WebhookToSend(callId, hangup(callId)));
    for (String billsec : List.of("", "&billsec=37")) {
      webhooks.add(
          new WebhookToSend(
              callId,
              new WebhookRequest(
                  WebhookPath.CALLDATA,
                  RawFields.fromQuery(
                      "callid="
                          + callId
                          + "&calldate=2024-03-01 13:15:40&duration=50&status=ANSWER"
                          + billsec))));
    }
    return webhooks;
  }

  /** Every key's webhooks in their order, keys mixed by a seeded draw; fills {@code expected}. */
  static List<WebhookToSend> interleaved(
      List<List<WebhookToSend>> perKey, Map<String, List<String>> expected) {
    List<WebhookToSend> plan = new ArrayList<>();
    perKey.forEach(
        webhooks ->
            expected.put(
                webhooks.getFirst().key(),
                webhooks.stream().map(w -> w.request().pathAndQuery()).toList()));
    Random shuffle = new Random(3);
    List<Integer> next = new ArrayList<>(java.util.Collections.nCopies(perKey.size(), 0));
    int left = perKey.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int key = shuffle.nextInt(perKey.size());
      if (next.get(key) < perKey.get(key).size()) {
        plan.add(perKey.get(key).get(next.get(key)));
        next.set(key, next.get(key) + 1);
        left--;
      }
    }
    return plan;
  }

  /**
   * Every request of a key arrived only after each earlier webhook of that key had been answered
   * 200, so the first successful deliveries are in enqueue order.
   */
  static void assertOrderKept(Map<String, List<String>> expected, List<Received> received) {
    Map<String, String> keyOf = new HashMap<>();
    expected.forEach((key, sent) -> sent.forEach(webhook -> keyOf.put(webhook, key)));
    Map<String, Set<String>> delivered = new HashMap<>();
    Map<String, List<String>> firstDeliveries = new HashMap<>();
    for (Received request : received) {
      String key = keyOf.get(request.afterBase());
      assertThat(key).as("unexpected request %s", request.afterBase()).isNotNull();
      List<String> sent = expected.get(key);
      Set<String> done = delivered.computeIfAbsent(key, k -> new HashSet<>());
      assertThat(done)
          .as("sent %s before the earlier webhooks of %s were delivered", request.afterBase(), key)
          .containsAll(sent.subList(0, sent.indexOf(request.afterBase())));
      if (request.status() == 200 && done.add(request.afterBase())) {
        firstDeliveries.computeIfAbsent(key, k -> new ArrayList<>()).add(request.afterBase());
      }
    }
    assertThat(firstDeliveries).isEqualTo(expected);
  }

  /**
   * Every planned webhook arrived exactly once, answered 200, and each key's webhooks arrived in
   * enqueue order: what an instant, always-200 CRM must see.
   */
  static void assertEachDeliveredOnceInOrder(
      Map<String, List<String>> expected, List<Received> received) {
    Map<String, Long> arrivals = new HashMap<>();
    received.forEach(request -> arrivals.merge(request.afterBase(), 1L, Long::sum));
    Map<String, Long> duplicates = new HashMap<>(arrivals);
    duplicates.values().removeIf(count -> count == 1);
    assertThat(duplicates)
        .as("%d of %d webhooks arrived more than once", duplicates.size(), arrivals.size())
        .isEmpty();
    Map<String, String> keyOf = new HashMap<>();
    expected.forEach((key, sent) -> sent.forEach(webhook -> keyOf.put(webhook, key)));
    Map<String, List<String>> perKey = new LinkedHashMap<>();
    for (Received request : received) {
      assertThat(request.status()).isEqualTo(200);
      perKey
          .computeIfAbsent(keyOf.get(request.afterBase()), key -> new ArrayList<>())
          .add(request.afterBase());
    }
    assertThat(perKey).isEqualTo(expected);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
