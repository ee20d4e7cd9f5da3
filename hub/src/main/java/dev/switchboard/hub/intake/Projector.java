package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.webhook.CallDataPending;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Applies one newly logged event to everything derived from the log, inside the same transaction,
 * one projection each: the call record ({@link CallProjection}, with its callback items), the agent
 * board ({@link AgentProjection}), the screen-pop ({@link ScreenPopProjection}), the report look-up
 * of a call announced with no data, and a callback closed by hand. Returns the changes to push once
 * committed, in the order the stream sends them. Not thread-safe: used by the writer thread only.
 */
final class Projector {
  private final CallProjection calls;
  private final AgentProjection agents;
  private final ScreenPopProjection screenPops;
  private final CallLookups lookups;
  private final CallbackChanges callbacks;

  Projector(
      EventLog log,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallLookups lookups,
      BooleanSupplier listening,
      CallbackChanges callbacks) {
    this.calls = new CallProjection(log, calls, callbacks);
    this.agents = new AgentProjection(agents);
    this.screenPops = new ScreenPopProjection(new ScreenPops(calls, agents, contacts), listening);
    this.lookups = lookups;
    this.callbacks = callbacks;
  }

  List<Change> apply(Handle handle, EventDraft draft, long seq) {
    List<Change> changes = new ArrayList<>();
    Optional<CallProjection.Projected> call = calls.apply(handle, draft, seq, changes);
    agents.onEvent(handle, draft, call.map(CallProjection.Projected::call), seq, changes);
    screenPops.onEvent(handle, draft, call, seq).ifPresent(changes::add);
    if (draft.webhook().orElse(null) instanceof CallDataPending) {
      lookups.schedule(
          handle,
          draft.tenantId(),
          draft.callId().orElse(null),
          draft.receivedAt().plus(CallLookups.FIRST_DELAY));
    }
    if (draft.type().equals(EventDraft.CALLBACK_CLOSED)) {
      changes.addAll(callbacks.closed(handle, draft.tenantId(), draft.content(), seq));
    }
    call.ifPresent(projected -> agents.onCallState(handle, draft, projected.call(), seq, changes));
    return changes;
  }

  /** Forgets everything cached: called when a transaction failed and was rolled back. */
  void invalidate() {
    calls.invalidate();
    agents.invalidate();
  }
}
