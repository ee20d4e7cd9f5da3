package dev.switchboard.pbx.dispatch;

import dev.switchboard.protocol.webhook.WebhookRequest;
import dev.switchboard.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery of webhooks to each tenant's CRM through a durable outbox: at least once, and exactly
 * once for a webhook the CRM answers with HTTP 200.
 *
 * <p>{@link #enqueue} commits the webhook to the {@code webhook_outbox} table before it returns, so
 * it survives a restart. Each pass ({@link #runOnce}, or the background loop of {@link #start})
 * claims in the database the webhooks that are due and are the oldest undelivered one of their
 * ordering key, as many as it has free slots (at most {@code maxInFlight} in flight), and sends
 * each on a virtual thread. The claim (see {@link OutboxClaims}) is what keeps a webhook from being
 * sent twice: by this dispatcher's loop and {@code runOnce} side by side, or by other dispatchers,
 * in this process or others, sharing the outbox. It lasts {@link DispatchSettings#claimLease()} of
 * real time; a claim whose owner died (a process killed) is taken over once it has expired.
 *
 * <p>Only HTTP 200 is success. A 4xx other than 408, 425 and 429 means the CRM refuses that
 * webhook: it is tried {@code refusedTries} times, then it is a dead letter and the next webhook of
 * its key goes on. Any other reply, a connection error or a timeout schedules a retry with
 * exponential backoff and full jitter (see {@link DispatchSettings}) until {@code giveUpAfter},
 * after which the webhook is a dead letter; the later webhooks of its key wait until then. Dead
 * letters are kept, listed by {@link #deadLetters}, sent again after {@link #replay}. Schedule
 * decisions read the injected clock; leases read the lease clock, which must be real time and the
 * same (NTP-synchronized) for every dispatcher on the outbox; HTTP timeouts are real time. Logs
 * name the webhook's path, never the CRM's base URL, which may hold a secret token.
 *
 * <p>Thread-safe: {@link #enqueue}, {@link #replay} and the queries from any thread; {@link
 * #runOnce} may run beside the background loop. {@link #close} does not close the database.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** The longest the loop sleeps towards a due time: the clock may run faster than real time. */
  private static final Duration MAX_NAP = Duration.ofMillis(500);

  /**
   * The loop's sleep when nothing is claimable or every slot is busy; a wake-up cuts it short. It
   * is also how soon work enqueued by another process sharing the outbox is seen.
   */
  private static final Duration IDLE_NAP = Duration.ofSeconds(1);

  private static final Duration MIN_NAP = Duration.ofMillis(10);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** The most dead letters {@link #deadLetters} lists. */
  public static final int DEAD_LETTERS_LISTED = 1000;

  /**
   * How many webhooks are in each state.
   *
   * @param pending waiting for their first or next attempt, or being sent
   * @param delivered delivered and still kept (see {@link DispatchSettings#keepDelivered()})
   * @param dead given up on, waiting to be replayed
   */
  public record Stats(long pending, long delivered, long dead) {}

  private final Clock clock;
  private final Clock leaseClock;
  private final DispatchSettings settings;
  private final Outbox outbox;
  private final Random drops;
  private final DispatchMetrics metrics;
  private final ClaimedSends sends;
  private final WakeUpSignal wake = new WakeUpSignal();
  private Instant lastPrune = Instant.MIN; // guarded by this
  private volatile boolean running;
  private volatile boolean closed;
  private Thread loop; // guarded by this

  /**
   * A dispatcher over the outbox in {@code database} (opened with {@code Database.open(..,
   * "pbx")}), its leases on the system's real-time clock.
   */
  public WebhookDispatcher(
      Database database, Clock clock, DispatchSettings settings, MeterRegistry metrics) {
    this(database, clock, Clock.systemUTC(), settings, metrics);
  }

  /**
   * A dispatcher over the outbox in {@code database} (opened with {@code Database.open(..,
   * "pbx")}), with an owner id of its own.
   *
   * @param clock schedules the webhooks: enqueue, due, give-up, delivery and dead times
   * @param leaseClock times the claims: real time, the same for every dispatcher on the outbox (a
   *     test may move it by hand)
   */
  public WebhookDispatcher(
      Database database,
      Clock clock,
      Clock leaseClock,
      DispatchSettings settings,
      MeterRegistry metrics) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leaseClock = Objects.requireNonNull(leaseClock, "leaseClock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.outbox = new Outbox(database.jdbi());
    this.drops = new Random(mix(settings.seed()));
    // This process's sends by outbox id: the slot count and the gauge, never the guard.
    ConcurrentHashMap<Long, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    this.metrics = new DispatchMetrics(metrics, inFlight);
    this.sends =
        new ClaimedSends(
            new OutboxClaims(database.jdbi(), database.dialect()),
            clock,
            leaseClock,
            settings,
            this.metrics,
            inFlight,
            this::wakeUp);
  }

  /**
   * Stores a webhook for delivery to {@code destination}, committed before this returns, unless the
   * drop rate forgets it (then nothing is stored and it is never sent).
   *
   * @param orderingKey webhooks with the same key (within the tenant) arrive in enqueue order: the
   *     callid, or {@code agent:<tenant>:<ext>} for agent status
   * @return whether it was stored (false: dropped on purpose)
   * @throws IllegalArgumentException when the webhook does not make a valid URL
   */
  public boolean enqueue(
      String tenantId, String orderingKey, Destination destination, WebhookRequest request) {
    requireText(tenantId, "tenantId");
    requireText(orderingKey, "orderingKey");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(request, "request");
    CrmSender.target(destination, request.path().path(), request.pathAndQuery());
    if (settings.dropRate() > 0 && drops.nextDouble() < settings.dropRate()) {
      metrics.dropped.increment();
      log.debug("dropped {} of tenant {} on purpose (drop rate)", request.path().path(), tenantId);
      return false;
    }
    Instant now = clock.instant();
    long id =
        outbox.insert(
            tenantId, orderingKey, destination, request, now, now.plus(settings.giveUpAfter()));
    log.debug("queued webhook {} {} of tenant {}", id, request.path().path(), tenantId);
    wakeUp();
    return true;
  }

  /**
   * Points every pending webhook of {@code tenantId} at {@code destination}, due now: for a restart
   * whose CRM URL changed (the demo's webhook token is new each start). Returns how many.
   */
  public int retarget(String tenantId, Destination destination) {
    int moved = outbox.retarget(tenantId, destination, clock.instant());
    if (moved > 0) {
      log.info(
          "{} pending webhook(s) of tenant {} now go to the tenant's current CRM URL",
          moved,
          tenantId);
      wakeUp();
    }
    return moved;
  }

  /**
   * Sends every webhook that is due and heads its ordering key (as many as free slots allow), waits
   * for those attempts to end and records their outcome. Returns how many attempts it made.
   */
  public int runOnce() {
    List<CompletableFuture<Void>> started = startDue();
    started.forEach(CompletableFuture::join);
    return started.size();
  }

  /** Starts the background loop, which sleeps until the next due time or an enqueue. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the webhook dispatcher is closed");
    }
    if (running) {
      return;
    }
    running = true;
    sends.chainClaims();
    loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::loop);
    log.info("webhook dispatcher {} started: {}", owner(), stats());
  }

  /**
   * The id its claims carry in the outbox: the process id and a random part, unique per instance.
   */
  public String owner() {
    return sends.owner();
  }

  /** Dead letters, oldest first (at most {@value #DEAD_LETTERS_LISTED}), of one tenant or all. */
  public List<DeadLetter> deadLetters(Optional<String> tenantId) {
    return outbox.deadLetters(tenantId, DEAD_LETTERS_LISTED);
  }

  /** Puts one dead letter back in the queue, due now; returns 1, or 0 when it is not dead. */
  public int replay(long id) {
    return replayed(outbox.replay(Optional.of(id), Optional.empty(), now(), giveUpAt()));
  }

  /** Puts every dead letter (of one tenant or all) back in the queue, due now; returns how many. */
  public int replayAll(Optional<String> tenantId) {
    return replayed(outbox.replay(Optional.empty(), tenantId, now(), giveUpAt()));
  }

  /** How many webhooks are pending, delivered (still kept) and dead. */
  public Stats stats() {
    return outbox.stats();
  }

  private int replayed(int count) {
    if (count > 0) {
      metrics.replayed.increment(count);
      log.info("replaying {} dead letter(s)", count);
      wakeUp();
    }
    return count;
  }

  private List<CompletableFuture<Void>> startDue() {
    if (closed) {
      return List.of();
    }
    Instant now = clock.instant();
    pruneIfTime(now);
    return sends.startDue(now);
  }

  private synchronized void pruneIfTime(Instant now) {
    if (lastPrune.plus(PRUNE_EVERY).isAfter(now)) {
      return;
    }
    lastPrune = now;
    int pruned = outbox.pruneDelivered(now.minus(settings.keepDelivered()));
    if (pruned > 0) {
      log.debug("deleted {} delivered webhook(s) older than {}", pruned, settings.keepDelivered());
    }
  }

  private void loop() {
    while (running) {
      try {
        boolean startedSome = !startDue().isEmpty();
        Duration wait = untilNextWork();
        // A head that is due yet was not started (a race with a finishing send) must not spin.
        nap(!startedSome && wait.isZero() ? MIN_NAP : wait);
      } catch (RuntimeException failed) {
        log.error("a webhook dispatch pass failed; trying again shortly", failed);
        nap(ERROR_PAUSE);
      }
    }
  }

  private Duration untilNextWork() {
    if (sends.full()) {
      return IDLE_NAP; // a finishing send wakes the loop
    }
    Optional<Instant> next = outbox.nextDue(leaseClock.instant());
    if (next.isEmpty()) {
      return IDLE_NAP; // an enqueue or a replay wakes the loop
    }
    Duration wait = Duration.between(clock.instant(), next.get());
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_NAP) > 0 ? MAX_NAP : wait;
  }

  private void nap(Duration duration) {
    if (!running) {
      return;
    }
    try {
      wake.sleep(duration);
    } catch (InterruptedException interrupted) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }

  private void wakeUp() {
    wake.signal();
  }

  /**
   * Stops the loop and waits (a few seconds at most) for the sends in flight; any still running are
   * aborted and stay pending, their claims let go of, to be sent again by the next dispatcher.
   */
  @Override
  public void close() {
    Thread background;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      background = loop;
    }
    wakeUp();
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    try {
      if (background != null) {
        background.join(CLOSE_WAIT);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    sends.close(deadline);
  }

  private Instant now() {
    return clock.instant();
  }

  private Instant giveUpAt() {
    return clock.instant().plus(settings.giveUpAfter());
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** A second, unrelated seed for the drop draws (SplitMix64's finalizer). */
  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
