package dev.switchboard.pbx.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.pbx.dispatch.CrmReceiver.Received;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A webhook answered 200 is sent exactly once: by one dispatcher whose loop and {@code runOnce} run
 * side by side, and by several dispatchers sharing one outbox.
 */
abstract class ExactlyOnceContract extends DispatchFixture {

  @Test
  @Timeout(180)
  void everyWebhookAnsweredAtOnceArrivesExactlyOnceAndInOrderWhileTheLoopAndRunOnceRunTogether()
      throws InterruptedException {
    DispatchSettings settings =
        DispatchSettings.defaults()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
            .withDrops(0, 5)
            .withMaxInFlight(16);
    WebhookDispatcher dispatcher = dispatcher(database, Clock.systemUTC(), settings);
    dispatcher.start();
    AtomicBoolean done = new AtomicBoolean();
    Thread beside =
        Thread.ofPlatform()
            .name("run-once-beside-the-loop")
            .start(
                () -> {
                  while (!done.get()) {
                    if (dispatcher.runOnce() == 0) {
                      Thread.onSpinWait();
                    }
                  }
                });
    Destination destination = Destination.get(crm.baseUrl());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    List<WebhookToSend> plan = calls(300, expected);

    try {
      plan.forEach(next -> dispatcher.enqueue(TENANT, next.key(), destination, next.request()));
      await().atMost(Duration.ofSeconds(120)).until(() -> dispatcher.stats().pending() == 0);
    } finally {
      done.set(true);
      beside.join(Duration.ofSeconds(30));
    }

    assertEachDeliveredOnceInOrder(expected, crm.received());
  }

  @Test
  @Timeout(180)
  void twoDispatchersOnOneOutboxShareTheWorkAndSendEachWebhookExactlyOnceInOrder() {
    DispatchSettings settings =
        DispatchSettings.defaults()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
            .withDrops(0, 5)
            .withMaxInFlight(4);
    Database sameOutbox = Database.open(databaseSettings, "pbx");
    toClose.add(sameOutbox);
    SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
    SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
    WebhookDispatcher first =
        new WebhookDispatcher(database, Clock.systemUTC(), settings, firstMetrics);
    toClose.add(first);
    WebhookDispatcher second =
        new WebhookDispatcher(sameOutbox, Clock.systemUTC(), settings, secondMetrics);
    toClose.add(second);
    assertThat(first.owner()).isNotEqualTo(second.owner());
    Destination destination = Destination.get(crm.baseUrl());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    List<WebhookToSend> plan = calls(200, expected);
    plan.forEach(next -> first.enqueue(TENANT, next.key(), destination, next.request()));
    // With 4 slots each, the fifth request can only come from the other dispatcher: the first
    // five are answered only once both dispatchers are sending.
    crm.holdUntil(5, Duration.ofSeconds(15));

    first.start();
    second.start();
    await().atMost(Duration.ofSeconds(150)).until(() -> first.stats().pending() == 0);

    assertEachDeliveredOnceInOrder(expected, crm.received());
    assertThat(crm.holdTimedOut()).as("both dispatchers were sending at once").isFalse();
    double byFirst = delivered(firstMetrics);
    double bySecond = delivered(secondMetrics);
    assertThat(byFirst).as("delivered by the first").isPositive();
    assertThat(bySecond).as("delivered by the second").isPositive();
    assertThat(byFirst + bySecond).isEqualTo(plan.size());
  }

  @Test
  void aClaimWhoseOwnerDiedIsTakenOverOnceItsLeaseExpiresAndALiveOneIsLeftAlone() {
    MutableClock leaseClock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(database, clock, leaseClock, patient(), metrics);
    toClose.add(dispatcher);
    Destination destination = Destination.get(crm.baseUrl());
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.CALL_IN));
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.HANGUP));
    dispatcher.enqueue(TENANT, "other-call", destination, hangup("other-call"));
    // Another emulator process claims both heads, then is killed before it sends them.
    OutboxClaims elsewhere = new OutboxClaims(database.jdbi(), database.dialect());
    List<OutboxEntry> taken =
        elsewhere.claim("killed-node", clock.instant(), leaseClock.instant(), LEASE, 10);
    assertThat(taken)
        .extracting(OutboxEntry::pathAndQuery)
        .containsExactly(
            seed(WebhookPath.CALL_IN).pathAndQuery(), hangup("other-call").pathAndQuery());

    assertThat(dispatcher.runOnce())
        .as("the heads are claimed, and the call's hangup waits for its call_in")
        .isZero();
    leaseClock.advance(LEASE.minusMillis(1));
    assertThat(dispatcher.runOnce()).as("1 ms before the lease expires").isZero();
    assertThat(crm.received()).isEmpty();
    leaseClock.advance(Duration.ofMillis(1));
    assertThat(dispatcher.runOnce()).as("the expired claims, taken over").isEqualTo(2);
    assertThat(dispatcher.runOnce()).as("then the call's hangup").isEqualTo(1);

    assertThat(crm.received())
        .extracting(Received::afterBase)
        .containsExactlyInAnyOrder(
            seed(WebhookPath.CALL_IN).pathAndQuery(),
            hangup("other-call").pathAndQuery(),
            seed(WebhookPath.HANGUP).pathAndQuery())
        .endsWith(seed(WebhookPath.HANGUP).pathAndQuery());
    assertThat(
            elsewhere.reschedule(
                taken.getFirst().id(), "killed-node", clock.instant(), 0, "HTTP 500"))
        .as("the old owner, back, cannot overwrite what its successor recorded")
        .isFalse();
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 3, 0));
  }

  @Test
  void aGroupOfDeliveredMarksIsWrittenWhereItsClaimsAreHeldAndClaimsTheHeadsThatFollowThem() {
    MutableClock leaseClock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(database, clock, leaseClock, patient(), metrics);
    toClose.add(dispatcher);
    Destination destination = Destination.get(crm.baseUrl());
    String otherCall = "6f123b86-232c-4d21-ced5-d5c346c7b788";
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.CALL_IN));
    dispatcher.enqueue(TENANT, otherCall, destination, seed(WebhookPath.CALL_IN));
    dispatcher.enqueue(TENANT, CALL, destination, seed(WebhookPath.HANGUP));
    dispatcher.enqueue(TENANT, "agent:t1:101", destination, seed(WebhookPath.AGENT_STATUS));
    OutboxClaims claims = new OutboxClaims(database.jdbi(), database.dialect());
    List<OutboxEntry> heads = claims.claim("node", clock.instant(), leaseClock.instant(), LEASE, 2);
    assertThat(heads).extracting(OutboxEntry::orderingKey).containsExactly(CALL, otherCall);

    OutboxClaims.Delivered written =
        claims.deliveredThenClaim(
            "node",
            List.of(heads.get(0).id(), heads.get(1).id()),
            List.of(clock.instant(), clock.instant()),
            clock.instant(),
            leaseClock.instant(),
            LEASE,
            1);
    assertThat(written.held()).containsExactly(true, true);
    assertThat(written.claimed())
        .as("the webhook that follows the first call's, its head once the mark is written")
        .singleElement()
        .satisfies(
            next -> {
              assertThat(next.orderingKey()).isEqualTo(CALL);
              assertThat(next.path()).isEqualTo(WebhookPath.HANGUP.path());
            });

    OutboxClaims.Delivered notHeld =
        claims.deliveredThenClaim(
            "another-node",
            List.of(written.claimed().getFirst().id()),
            List.of(clock.instant()),
            clock.instant(),
            leaseClock.instant(),
            LEASE,
            5);
    assertThat(notHeld.held()).as("a claim another dispatcher holds").containsExactly(false);
    assertThat(notHeld.claimed())
        .as("the agent's head, the one left unclaimed")
        .extracting(OutboxEntry::orderingKey)
        .containsExactly("agent:t1:101");
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(2, 2, 0));
  }

  @Test
  void aWebhookClaimedByAnotherLiveDispatcherIsNotSentAndItsOutcomeIsItsOwn() {
    MutableClock leaseClock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(database, clock, leaseClock, patient(), metrics);
    toClose.add(dispatcher);
    dispatcher.enqueue(TENANT, CALL, Destination.get(crm.baseUrl()), seed(WebhookPath.HANGUP));
    OutboxClaims elsewhere = new OutboxClaims(database.jdbi(), database.dialect());
    OutboxEntry taken =
        elsewhere.claim("live-node", clock.instant(), leaseClock.instant(), LEASE, 10).getFirst();
    assertThat(elsewhere.claim("third-node", clock.instant(), leaseClock.instant(), LEASE, 10))
        .as("no second claim on a live one")
        .isEmpty();

    assertThat(dispatcher.runOnce()).isZero();
    assertThat(elsewhere.delivered(taken.id(), dispatcher.owner(), clock.instant()))
        .as("only the owner of the claim records the outcome")
        .isFalse();
    assertThat(elsewhere.delivered(taken.id(), "live-node", clock.instant())).isTrue();

    assertThat(dispatcher.runOnce()).isZero();
    assertThat(crm.received()).isEmpty();
    assertThat(dispatcher.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 1, 0));
  }

  @Test
  @Timeout(60)
  void sendsStillRunningWhenADispatcherClosesAreLetGoOfAndTheNextSendsThemAtOnce() {
    MutableClock leaseClock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    DispatchSettings settings =
        patient().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    WebhookDispatcher first = new WebhookDispatcher(database, clock, leaseClock, settings, metrics);
    Destination destination = Destination.get(crm.baseUrl());
    first.enqueue(TENANT, CALL, destination, hangup(CALL));
    crm.holdUntil(2, Duration.ofSeconds(20)); // answered only when sent again
    Thread.ofVirtual().start(first::runOnce);
    await().atMost(Duration.ofSeconds(10)).until(() -> crm.received().size() == 1);

    first.close(); // waits 5 s, then aborts the send

    WebhookDispatcher second =
        new WebhookDispatcher(database, clock, leaseClock, settings, metrics);
    toClose.add(second);
    assertThat(second.runOnce()).as("no lease to wait for").isEqualTo(1);
    assertThat(second.stats()).isEqualTo(new WebhookDispatcher.Stats(0, 1, 0));
  }

  private static final Duration LEASE = Duration.ofSeconds(30);

  private static double delivered(SimpleMeterRegistry registry) {
    return registry.counter("switchboard.pbx.webhooks", "outcome", "delivered").count();
  }
}
