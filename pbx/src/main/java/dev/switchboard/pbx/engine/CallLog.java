package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.webhook.CallStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A tenant's finished calls, the call-record report's rows. {@link #close} computes a call's record
 * once, at the instant it ends, with the emulator's one rounding rule (whole seconds rounded down,
 * {@link FinishedCall#wholeSecondsOf}); the final webhook is then written from that record, so
 * webhook and report carry the same numbers. Not thread-safe: used under the engine's lock.
 */
final class CallLog {
  private final TenantSetup setup;
  private final Clock clock;
  private final Supplier<Optional<String>> recordingBase;
  private final Consumer<FinishedCall> onFinished;
  private final List<FinishedCall> finished = new ArrayList<>();

  CallLog(
      TenantSetup setup,
      Clock clock,
      Supplier<Optional<String>> recordingBase,
      Consumer<FinishedCall> onFinished) {
    this.setup = setup;
    this.clock = clock;
    this.recordingBase = recordingBase;
    this.onFinished = onFinished;
  }

  /** The call ends now with {@code status}; returns (and keeps) its record. */
  FinishedCall close(Call call, CallStatus status, Optional<String> extension) {
    Instant now = clock.instant();
    Duration billsec =
        call.answeredAt()
            .map(answered -> FinishedCall.wholeSecondsOf(Duration.between(answered, now)))
            .orElse(Duration.ZERO);
    Duration holdtime =
        call.outbound
            ? Duration.ZERO
            : FinishedCall.wholeSecondsOf(
                Duration.between(call.start, call.answeredAt().orElse(now)));
    FinishedCall done =
        new FinishedCall(
            setup.domain(),
            call.id,
            call.start,
            call.outbound,
            extension,
            call.phone,
            FinishedCall.wholeSecondsOf(Duration.between(call.start, now)),
            billsec,
            status,
            recording(call, status),
            Optional.ofNullable(call.queue()).map(queue -> queue.setup.number()),
            call.did,
            holdtime);
    finished.add(done);
    onFinished.accept(done);
    return done;
  }

  List<FinishedCall> finished() {
    return List.copyOf(finished);
  }

  private Optional<String> recording(Call call, CallStatus status) {
    return status.equals(CallStatus.ANSWER) && setup.recording()
        ? recordingBase.get().map(base -> base + "/play_audio/data/" + call.id)
        : Optional.empty();
  }
}
