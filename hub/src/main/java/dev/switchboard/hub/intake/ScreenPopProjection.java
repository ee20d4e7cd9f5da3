package dev.switchboard.hub.intake;

import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.RingNotification;
import dev.switchboard.protocol.webhook.WebhookEvent;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;

/**
 * The screen-pop an event makes: for an inbound call ringing at an extension, or for a caller a
 * ring notification announces to a queue. Only ever pushed live (a resuming client gets it rebuilt
 * by {@link ChangeReplay}): with nobody listening, its contact and history look-ups would be wasted
 * on the write path, so none is built. Not thread-safe: used by the writer thread only.
 */
final class ScreenPopProjection {
  private final ScreenPops pops;
  private final BooleanSupplier listening;

  ScreenPopProjection(ScreenPops pops, BooleanSupplier listening) {
    this.pops = pops;
    this.listening = listening;
  }

  /** The screen-pop of {@code draft}, if it makes one and somebody listens. */
  Optional<Change> onEvent(
      Handle handle, EventDraft draft, Optional<CallProjection.Projected> call, long seq) {
    WebhookEvent webhook = draft.webhook().orElse(null);
    if (webhook instanceof IncomingCall incoming
        && incoming.extension().isPresent()
        && incoming.event().filter(CallProgress.ANSWER::equals).isEmpty()
        && call.get().call().state() == CallState.RINGING
        && listening.getAsBoolean()) {
      return Optional.of(
          pops.forCall(
              handle, call.get().call(), call.get().record(), incoming.extension().get(), seq));
    }
    if (webhook instanceof RingNotification ring && listening.getAsBoolean()) {
      return Optional.of(pops.forRing(handle, draft.tenantId(), ring, seq));
    }
    return Optional.empty();
  }
}
