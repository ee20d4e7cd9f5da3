package dev.switchboard.hub.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.CallJson;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.stream.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The call record of an event's call, refolded from all of the call's events and saved, and the
 * callback items the call's new facts change. Keeps recent calls in memory with their events, so a
 * new event neither re-reads nor re-parses them. Not thread-safe: used by the writer thread only.
 */
final class CallProjection {

  /** Calls kept in memory with their events, so a new event does not re-read and re-parse. */
  static final int CACHED_CALLS = 2_000;

  private record CallKey(String tenantId, String callId) {}

  /** A call as it now stands, and its record as stored (the stream's payload for it). */
  record Projected(Call call, ObjectNode record) {}

  private record CachedCall(List<LoggedEvent> events, Call call) {}

  private final EventLog log;
  private final CallStore calls;
  private final CallbackChanges callbacks;

  // Mirrors committed state; dropped whole when a transaction fails, as it may then hold what was
  // rolled back.
  private final Map<CallKey, CachedCall> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallKey, CachedCall> eldest) {
          return size() > CACHED_CALLS;
        }
      };

  CallProjection(EventLog log, CallStore calls, CallbackChanges callbacks) {
    this.log = log;
    this.calls = calls;
    this.callbacks = callbacks;
  }

  /**
   * Folds and saves the call of {@code draft} (logged as {@code seq}), adding the call's change and
   * its callback items' changes to {@code changes}; the call as it now stands, empty for an event
   * of no call.
   */
  Optional<Projected> apply(Handle handle, EventDraft draft, long seq, List<Change> changes) {
    if (draft.callId().isEmpty()) {
      return Optional.empty();
    }
    String callId = draft.callId().get();
    CallKey key = new CallKey(draft.tenantId(), callId);
    // Trusted: the writer drops the cache at the start of a batch when another process (hub sync)
    // has logged events since its own last append.
    CachedCall cached = cache.get(key);
    List<LoggedEvent> events;
    if (cached == null) {
      events = log.eventsOfCall(handle, draft.tenantId(), callId); // includes this event
    } else {
      events = new ArrayList<>(cached.events());
      events.add(draft.logged(seq));
    }
    Call folded = CallFold.fold(draft.tenantId(), callId, events);
    boolean extensionsChanged =
        cached == null
            || !cached.call().extensions().equals(folded.extensions())
            || !cached.call().firstSeenAt().equals(folded.firstSeenAt());
    ObjectNode record = calls.save(handle, folded, seq, extensionsChanged);
    cache.put(key, new CachedCall(List.copyOf(events), folded));
    changes.add(
        new Change(
            seq,
            folded.tenantId(),
            Change.Kind.CALL,
            Set.copyOf(folded.extensions()),
            folded.queue(),
            record));
    changes.addAll(
        callbacks.of(
            handle, cached == null ? Optional.empty() : Optional.of(cached.call()), folded, seq));
    return Optional.of(new Projected(folded, record));
  }

  /** Forgets every cached call: called when a transaction failed and was rolled back. */
  void invalidate() {
    cache.clear();
  }

  /** A call's change as the stream pushes it, built from the call as it stands. */
  static Change change(Call call, long seq) {
    ObjectNode data = CallJson.toJson(call);
    data.put("last_seq", seq);
    return new Change(
        seq, call.tenantId(), Change.Kind.CALL, Set.copyOf(call.extensions()), call.queue(), data);
  }
}
