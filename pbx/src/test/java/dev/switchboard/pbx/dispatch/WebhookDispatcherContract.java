package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.pbx.dispatch.CrmReceiver.Received;
import dev.switchboard.protocol.webhook.RawFields;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.protocol.webhook.WebhookRequest;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The webhook dispatcher against a real local CRM receiver and a real database: run against SQLite
 * always and PostgreSQL when {@code SWITCHBOARD_TEST_PG_URL} is set.
 */
abstract class WebhookDispatcherContract extends DispatchFixture {
  @Test
  void deliversGetWebhooksExactlyAsFormatted() {
    WebhookDispatcher dispatcher = dispatcher(quick());
    Destination destination = Destination.get(crm.baseUrl());
    int key = 0;
    for (WebhookPath path : SEED_QUERIES.keySet()) {
      assertThat(dispatcher.enqueue(TENANT, "key-" + key++, destination, seed(path))).isTrue();
    }

    assertThat(dispatcher.runOnce()).isEqualTo(SEED_QUERIES.size());

    List<Received> received = crm.received();
    assertThat(received).hasSize(SEED_QUERIES.size()).allMatch(r -> r.method().equals("GET"));
    assertThat(received)
        .extracting(Received::rawPathAndQuery)
        .containsExactlyInAnyOrderElementsOf(
            SEED_QUERIES.keySet().stream()
                .map(path -> CrmReceiver.PREFIX + seed(path).pathAndQuery())
                .toList());
    for (WebhookPath path : SEED_QUERIES.keySet()) {
      Received arrived =
          received.stream()
              .filter(r -> r.afterBase().startsWith(path.path() + "?"))
              .findFirst()
              .orElseThrow();
      String query = arrived.afterBase().substring(path.path().length() + 1);
      assertThat(RawFields.fromQuery(query)).isEqualTo(RawFields.fromQuery(SEED_QUERIES.get(path)));
    }
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 5, 0));
    assertThat(counted("delivered")).isEqualTo(5);
    assertThat(metrics.counter("switchboard.pbx.webhooks.replies", "body", "seed").count())
        .isEqualTo(5);
  }

  @Test
  void getWebhooksCarryTheHeadersAndNoBodyOfTheRealPbxsCurl() {
    WebhookDispatcher dispatcher = dispatcher(quick());
    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), seed(WebhookPath.HANGUP));
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    Received arrived = crm.received().getFirst();
    assertThat(arrived.method()).isEqualTo("GET");
    assertThat(arrived.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(arrived.accept()).isEqualTo("*/*");
    assertThat(arrived.userAgent()).isEqualTo("curl/7.81.0");
    assertThat(arrived.body()).isEmpty();
  }

  @Test
  void postsJsonToTheSamePathWhenConfigured() {
    WebhookDispatcher dispatcher = dispatcher(quick());
    WebhookRequest record = seed(WebhookPath.CALLDATA);

    dispatcher.enqueue(TENANT, CALL, Destination.postJson(crm.baseUrl() + "/"), record);
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    Received arrived = crm.received().getFirst();
    assertThat(arrived.method()).isEqualTo("POST");
    assertThat(arrived.rawPathAndQuery())
        .isEqualTo(CrmReceiver.PREFIX + "/api/callcenter/calldata");
    assertThat(arrived.contentType()).isEqualTo("application/json");
    assertThat(arrived.accept()).isEqualTo("*/*");
    assertThat(arrived.userAgent()).isEqualTo("curl/7.81.0");
    assertThat(arrived.body()).isEqualTo(record.jsonBody());
    assertThat(RawFields.fromJson(arrived.body())).isEqualTo(record.fields());
    assertThat(dispatcher.stats().delivered()).isEqualTo(1);
  }

  @Test
  void aPlainOkReplyIsADeliveryButIsNotedAsNotTheSeedsReply() {
    WebhookDispatcher dispatcher = dispatcher(quick());
    crm.answerOkWith("OK");

    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), hangup(CALL));
    dispatcher.runOnce();

    assertThat(dispatcher.stats().delivered()).isEqualTo(1);
    assertThat(metrics.counter("switchboard.pbx.webhooks.replies", "body", "other").count())
        .isEqualTo(1);
  }

  @Test
  void nothingIsLostWhenTheCrmFailsAnswersSlowlyAndIsDownForAWhile() {
    DispatchSettings settings =
        DispatchSettings.defaults()
            .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(200))
            .withRetries(Duration.ofMillis(10), Duration.ofMillis(150), Duration.ofHours(1))
            .withDrops(0, 7)
            .withMaxInFlight(8);
    WebhookDispatcher dispatcher = dispatcher(database, Clock.systemUTC(), settings);
    dispatcher.start();
    crm.failShare(0.3);
    crm.slowShare(0.05, Duration.ofMillis(400));
    Destination destination = Destination.get(crm.baseUrl());

    Map<String, List<String>> expected = new LinkedHashMap<>();
    List<WebhookToSend> plan = plan(expected);
    for (int i = 0; i < plan.size(); i++) {
      if (i == plan.size() / 2) {
        crm.down();
      }
      WebhookToSend next = plan.get(i);
      dispatcher.enqueue(TENANT, next.key(), destination, next.request());
    }
    sleep(Duration.ofSeconds(1));
    crm.up();

    await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.stats().pending() == 0);

    Set<String> succeeded = new HashSet<>();
    crm.succeeded().forEach(r -> succeeded.add(r.afterBase()));
    expected.values().forEach(sent -> assertThat(succeeded).containsAll(sent));
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, plan.size(), 0));
    assertThat(counted("retried")).isPositive();
    assertOrderKept(expected, crm.received());
  }

  @Test
  void retriesAreSpacedByDoublingBackoffWithSeededFullJitter() {
    WebhookDispatcher dispatcher = dispatcher(quick());
    crm.failAll(true);
    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), hangup(CALL));
    assertThat(dispatcher.runOnce()).as("first attempt, at once").isEqualTo(1);

    Random jitter = new Random(42);
    long[] ceilings = {1000, 2000, 4000, 8000, 8000, 8000};
    for (long ceiling : ceilings) {
      long delay = (long) (ceiling * jitter.nextDouble());
      assertThat(delay).isBetween(0L, ceiling);
      if (delay > 0) {
        clock.advance(Duration.ofMillis(delay - 1));
        assertThat(dispatcher.runOnce()).as("1 ms before the retry after %d ms", delay).isZero();
      }
      clock.advance(Duration.ofMillis(delay > 0 ? 1 : 0));
      assertThat(dispatcher.runOnce()).as("the retry after %d ms", delay).isEqualTo(1);
    }

    assertThat(crm.received()).hasSize(7);
    assertThat(counted("retried")).isEqualTo(7);
    assertThat(dispatcher.stats().pending()).isEqualTo(1);
  }

  @Test
  void aReplySlowerThanTheReadTimeoutIsAFailureAndIsRetried() {
    DispatchSettings settings =
        quick().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(200));
    WebhookDispatcher dispatcher = dispatcher(settings);
    crm.slowShare(1, Duration.ofMillis(600));
    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), hangup(CALL));

    long started = System.nanoTime();
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(590));
    assertThat(dispatcher.stats().pending()).isEqualTo(1);

    crm.slowShare(0, Duration.ZERO);
    clock.advance(Duration.ofSeconds(1));
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 1, 0));
  }

  @Test
  void afterGiveUpAfterAWebhookIsADeadLetterAndReplayDeliversIt() {
    DispatchSettings settings =
        quick().withRetries(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
    WebhookDispatcher dispatcher = dispatcher(settings);
    crm.failAll(true);
    Destination destination = Destination.get(crm.baseUrl());
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.CALL_IN));
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.HANGUP));

    // Each pass comes at least maxRetryDelay after the last: the call_in is tried at 0, 10 ... 60
    // s.
    for (int pass = 0; pass <= 6; pass++) {
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(crm.received())
        .hasSize(7)
        .allMatch(r -> r.afterBase().startsWith("/api/callcenter/call_in"));
    assertThat(dispatcher.runOnce()).as("the hangup, past its own give-up time").isEqualTo(1);

    List<DeadLetter> dead = dispatcher.deadLetters(Optional.of(TENANT));
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).pathAndQuery()).isEqualTo(seed(WebhookPath.CALL_IN).pathAndQuery());
    assertThat(dead.get(0).attempts()).isEqualTo(7);
    assertThat(dead.get(0).deadAt()).isEqualTo(START.plus(Duration.ofSeconds(60)));
    assertThat(dead.get(0).lastError()).isEqualTo("HTTP 500");
    assertThat(dead.get(0).orderingKey()).isEqualTo(CALL);
    assertThat(dead.get(1).pathAndQuery()).isEqualTo(seed(WebhookPath.HANGUP).pathAndQuery());
    assertThat(dispatcher.deadLetters(Optional.of("another tenant"))).isEmpty();
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 0, 2));
    assertThat(counted("dead")).isEqualTo(2);

    crm.failAll(false);
    assertThat(dispatcher.replay(dead.get(0).id())).isEqualTo(1);
    assertThat(dispatcher.replay(dead.get(0).id())).as("no longer dead").isZero();
    assertThat(dispatcher.runOnce()).isEqualTo(1);
    assertThat(dispatcher.replayAll(Optional.of(TENANT))).isEqualTo(1);
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    assertThat(crm.succeeded())
        .extracting(Received::afterBase)
        .containsExactly(
            seed(WebhookPath.CALL_IN).pathAndQuery(), seed(WebhookPath.HANGUP).pathAndQuery());
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 2, 0));
    assertThat(dispatcher.deadLetters(Optional.empty())).isEmpty();
  }

  @Test
  void enqueuedWebhooksAndTheirRetryTimesSurviveARestart() {
    WebhookDispatcher first = dispatcher(quick());
    Destination destination = Destination.get(crm.baseUrl());
    crm.failAll(true);
    first.enqueue(TENANT, "other-call", destination, hangup("other-call"));
    assertThat(first.runOnce()).isEqualTo(1); // fails; a retry is due within 1 s
    for (WebhookPath path :
        List.of(WebhookPath.CALL_IN, WebhookPath.HANGUP, WebhookPath.CALLDATA)) {
      first.enqueue(TENANT, CALL, destination, seed(path));
    }
    first.close();
    database.close();

    crm.failAll(false);
    database = Database.open(databaseSettings, "pbx");
    WebhookDispatcher second = dispatcher(quick());
    assertThat(second.stats()).isEqualTo(new WebhookDispatcher.Stats(4, 0, 0));
    assertThat(drain(second)).as("the call's three webhooks, one by one").isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    assertThat(drain(second)).as("the retry, once due").isEqualTo(1);

    assertThat(crm.succeeded())
        .extracting(Received::afterBase)
        .containsExactly(
            seed(WebhookPath.CALL_IN).pathAndQuery(),
            seed(WebhookPath.HANGUP).pathAndQuery(),
            seed(WebhookPath.CALLDATA).pathAndQuery(),
            hangup("other-call").pathAndQuery());
    assertThat(second.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 4, 0));
  }

  @Test
  void closeWaitsForTheSendsInFlight() {
    WebhookDispatcher dispatcher =
        dispatcher(
            database,
            Clock.systemUTC(),
            quick().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    crm.slowShare(1, Duration.ofMillis(700));
    dispatcher.start();
    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), hangup(CALL));
    await().atMost(Duration.ofSeconds(3)).until(() -> crm.received().size() == 1);

    dispatcher.close();

    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 1, 0));
  }

  @Test
  void aDropRateOfThirtyPercentDropsAboutThatShareDeterministicallyAndNeverSendsThem() {
    DispatchSettings settings = quick().withDrops(0.3, 99).withMaxInFlight(32);
    WebhookDispatcher dispatcher = dispatcher(settings);
    Database otherDatabase = Database.open(newDatabase(), "pbx");
    toClose.add(otherDatabase);
    WebhookDispatcher sameSeed = dispatcher(otherDatabase, clock, settings);
    Destination destination = Destination.get(crm.baseUrl());

    List<Boolean> kept = new ArrayList<>();
    List<Boolean> keptAgain = new ArrayList<>();
    Set<String> keptCalls = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      String callId = "call-" + i;
      boolean stored = dispatcher.enqueue(TENANT, callId, destination, hangup(callId));
      kept.add(stored);
      if (stored) {
        keptCalls.add("/api/callcenter/hangup?callid=" + callId);
      }
      keptAgain.add(sameSeed.enqueue(TENANT, callId, destination, hangup(callId)));
    }

    long dropped = kept.stream().filter(stored -> !stored).count();
    assertThat(dropped).isBetween(90L, 150L);
    assertThat(keptAgain).as("the same seed drops the same webhooks").isEqualTo(kept);
    assertThat(counted("dropped")).isEqualTo(2.0 * dropped);
    assertThat(dispatcher.stats().pending()).isEqualTo(400 - dropped);

    drain(dispatcher);
    assertThat(crm.received())
        .extracting(Received::afterBase)
        .containsExactlyInAnyOrderElementsOf(keptCalls);
  }

  @Test
  void logsNameTheWebhookPathButNeverTheCrmUrlWithItsSecret() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.switchboard.pbx.dispatch");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
    try {
      WebhookDispatcher dispatcher =
          dispatcher(
              quick()
                  .withRetries(
                      Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
      crm.failAll(true);
      dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), hangup(CALL));
      for (int pass = 0; pass < 4; pass++) {
        dispatcher.runOnce();
        clock.advance(Duration.ofSeconds(1));
      }
      crm.failAll(false);
      dispatcher.replayAll(Optional.empty());
      dispatcher.runOnce();
      assertThat(dispatcher.stats().delivered()).isEqualTo(1);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }

    assertThat(appender.list)
        .isNotEmpty()
        .anyMatch(event -> event.getFormattedMessage().contains("/api/callcenter/hangup"))
        .anyMatch(event -> event.getLevel() == Level.WARN)
        .noneMatch(event -> event.getFormattedMessage().contains(CrmReceiver.SECRET))
        .noneMatch(
            event ->
                event.getThrowableProxy() != null
                    && event.getThrowableProxy().getMessage() != null
                    && event.getThrowableProxy().getMessage().contains(CrmReceiver.SECRET));
    assertThat(Destination.get(crm.baseUrl()).toString()).doesNotContain(CrmReceiver.SECRET);
  }
}
