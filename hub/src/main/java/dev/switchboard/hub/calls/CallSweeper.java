package dev.switchboard.hub.calls;

import dev.switchboard.hub.events.EventDraft;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes calls that never ended (a lost hangup, a PBX restart): a call still ringing or talking
 * longer than {@code maxOpen} after it was first seen gets a {@code call_swept} event in the log,
 * which ends it with outcome {@code unknown} unless a real end arrives later. Run {@link #runOnce}
 * on a schedule; thread-safe.
 */
public final class CallSweeper {
  private static final Logger log = LoggerFactory.getLogger(CallSweeper.class);
  private static final int BATCH = 500;

  private final CallStore calls;
  private final Function<EventDraft, CompletableFuture<?>> append;
  private final Clock clock;
  private final Duration maxOpen;

  /** A sweeper appending through {@code append} (the intake writer). */
  public CallSweeper(
      CallStore calls,
      Function<EventDraft, CompletableFuture<?>> append,
      Clock clock,
      Duration maxOpen) {
    this.calls = calls;
    this.append = append;
    this.clock = clock;
    this.maxOpen = maxOpen;
  }

  /** Sweeps the calls open too long; returns how many. */
  public int runOnce() {
    var stale = calls.openCallsSeenBefore(clock.instant().minus(maxOpen), BATCH);
    var pending =
        stale.stream()
            .map(
                call ->
                    append.apply(
                        EventDraft.sweep(
                            call.tenantId(),
                            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                            call.callId())))
            .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(pending).join();
    if (!stale.isEmpty()) {
      log.info("swept {} call(s) open for more than {}", stale.size(), maxOpen);
    }
    return stale.size();
  }
}
