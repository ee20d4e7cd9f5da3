package dev.switchboard.pbx.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatcher's sends: it claims due heads in the outbox under its owner id, as many as it has
 * free slots, sends each on a virtual thread and records the outcome under the claim. The claim is
 * the guard against sending a webhook twice; the local map of sends in flight only counts slots and
 * lets {@link #close(long)} wait for them. Thread-safe: passes are serialized, sends run in
 * parallel.
 */
final class ClaimedSends {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration ABORT_WAIT = Duration.ofSeconds(1);

  private final String owner = newOwnerId();
  private final OutboxClaims claims;
  private final Clock clock;
  private final Clock leaseClock;
  private final DispatchSettings settings;
  private final CrmSender sender;
  private final AttemptRecorder recorder;
  private final Runnable onFinished;
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> inFlight;
  private final ExecutorService sends =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
  private final ReentrantLock claiming = new ReentrantLock();
  private boolean closed; // guarded by claiming
  private volatile boolean chaining;

  /**
   * @param inFlight this dispatcher's sends by outbox id (also read by the in-flight gauge)
   * @param onFinished called after each send has ended and its outcome is recorded
   */
  ClaimedSends(
      OutboxClaims claims,
      Clock clock,
      Clock leaseClock,
      DispatchSettings settings,
      DispatchMetrics metrics,
      ConcurrentHashMap<Long, CompletableFuture<Void>> inFlight,
      Runnable onFinished) {
    this.claims = claims;
    this.clock = clock;
    this.leaseClock = leaseClock;
    this.settings = settings;
    this.sender = new CrmSender(settings);
    this.recorder =
        new AttemptRecorder(
            claims, new DeliveredMarks(this::deliveredThenClaim), owner, clock, settings, metrics);
    this.inFlight = inFlight;
    this.onFinished = onFinished;
  }

  /** The id its claims carry in the outbox. */
  String owner() {
    return owner;
  }

  /**
   * From now on, a group of delivered marks also claims the next due heads (see {@link
   * #deliveredThenClaim}): for the background loop; without it (passes stepped by hand) a send
   * never starts another.
   */
  void chainClaims() {
    chaining = true;
  }

  /** Whether every slot is taken. */
  boolean full() {
    return inFlight.size() >= settings.maxInFlight();
  }

  /** Claims the heads due at {@code now} that free slots allow and starts sending them. */
  List<CompletableFuture<Void>> startDue(Instant now) {
    claiming.lock();
    try {
      int free = settings.maxInFlight() - inFlight.size();
      if (free <= 0 || closed) {
        return List.of();
      }
      return start(claims.claim(owner, now, leaseClock.instant(), settings.claimLease(), free));
    } finally {
      claiming.unlock();
    }
  }

  /**
   * Writes a group of delivered marks and, in the same transaction, claims the heads due now that
   * the slots of the group's sends and the others free allow: a delivery's mark and the claim of
   * the webhook that follows it cost one commit, not two. The sends of the group are still in
   * flight here and end once this returns.
   */
  private boolean[] deliveredThenClaim(List<Long> ids, List<Instant> times) {
    claiming.lock();
    try {
      int free = closed || !chaining ? 0 : settings.maxInFlight() - inFlight.size() + ids.size();
      OutboxClaims.Delivered written =
          claims.deliveredThenClaim(
              owner,
              ids,
              times,
              clock.instant(),
              leaseClock.instant(),
              settings.claimLease(),
              free);
      start(written.claimed());
      return written.held();
    } finally {
      claiming.unlock();
    }
  }

  /** Under the claiming lock: starts sending each claimed entry. */
  private List<CompletableFuture<Void>> start(List<OutboxEntry> claimed) {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (OutboxEntry entry : claimed) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      inFlight.put(entry.id(), done);
      try {
        sends.execute(() -> attempt(entry, done));
        started.add(done);
      } catch (RejectedExecutionException closing) {
        inFlight.remove(entry.id());
        claims.release(entry.id(), owner);
      }
    }
    return started;
  }

  private void attempt(OutboxEntry entry, CompletableFuture<Void> done) {
    try {
      CrmSender.Outcome outcome;
      try {
        outcome = sender.send(entry);
      } catch (RuntimeException cannotSend) {
        // Never the exception's message: it may quote the URL.
        outcome = new CrmSender.Failed("cannot send: " + cannotSend.getClass().getSimpleName());
      }
      recorder.record(entry, outcome);
    } catch (InterruptedException closing) {
      // close() lets go of the claim once every send has stopped.
      log.debug("webhook {} left pending: the dispatcher is closing", entry.id());
    } catch (RuntimeException failed) {
      log.warn(
          "could not record the outcome of webhook {} {}; it will be sent again once its claim"
              + " expires",
          entry.id(),
          entry.path(),
          failed);
    } finally {
      inFlight.remove(entry.id());
      done.complete(null);
      onFinished.run();
    }
  }

  /**
   * Takes no more claims, waits until {@code deadline} (of {@link System#nanoTime()}) for the sends
   * in flight, aborts the rest and lets go of every claim still held, so the webhooks not sent go
   * to the next dispatcher without waiting for a lease to expire.
   */
  void close(long deadline) {
    claiming.lock();
    try {
      closed = true; // a pass that was claiming has finished, and the next one sees closed
    } finally {
      claiming.unlock();
    }
    try {
      CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      log.info("aborting {} webhook send(s) still running; they stay queued", inFlight.size());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException impossible) {
      log.debug("a send ended badly while closing", impossible);
    }
    sends.shutdownNow();
    try {
      sends.awaitTermination(ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    sender.close();
    letGoOfClaims();
  }

  private void letGoOfClaims() {
    try {
      int released = claims.releaseAll(owner);
      if (released > 0) {
        log.info("let go of {} claim(s) on webhooks not sent; they stay queued", released);
      }
    } catch (RuntimeException failed) {
      log.warn(
          "could not let go of the claims of dispatcher {}; they expire within {}",
          owner,
          settings.claimLease(),
          failed);
    }
  }

  /** The process id and 8 random hex digits: readable in the outbox, unique per dispatcher. */
  private static String newOwnerId() {
    return ProcessHandle.current().pid()
        + "-"
        + HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
  }
}
