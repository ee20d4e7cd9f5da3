package dev.switchboard.hub.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.CallJson;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallDataPending;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.RingNotification;
import dev.switchboard.protocol.webhook.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Applies one newly logged event to everything derived from the log, inside the same transaction:
 * the call record (refolded from all of the call's events), the agent board, the screen-pop of a
 * ringing inbound call or of a ring notification, and the report look-up of a call announced with
 * no data. Returns the changes to push once committed. Keeps recent calls and agents in memory; not
 * thread-safe: used by the writer thread only.
 */
final class Projector {

  /** Calls kept in memory with their events, so a new event does not re-read and re-parse. */
  static final int CACHED_CALLS = 2_000;

  private final EventLog log;
  private final CallStore calls;
  private final AgentBoard agents;
  private final ScreenPops screenPops;
  private final CallLookups lookups;
  private final java.util.function.BooleanSupplier listening;
  private final CallbackChanges callbacks;

  private record CallKey(String tenantId, String callId) {}

  private record CachedCall(List<LoggedEvent> events, Call call) {}

  private record AgentKey(String tenantId, String extension) {}

  // Only the writer thread touches these; they mirror committed state and are dropped whole when
  // a transaction fails, since they may then hold what was rolled back.
  private final Map<CallKey, CachedCall> callCache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CallKey, CachedCall> eldest) {
          return size() > CACHED_CALLS;
        }
      };
  private final Map<AgentKey, Optional<AgentStatus>> agentCache = new HashMap<>();

  Projector(
      EventLog log,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallLookups lookups,
      java.util.function.BooleanSupplier listening,
      CallbackChanges callbacks) {
    this.listening = listening;
    this.callbacks = callbacks;
    this.log = log;
    this.calls = calls;
    this.agents = agents;
    this.screenPops = new ScreenPops(calls, agents, contacts);
    this.lookups = lookups;
  }

  List<Change> apply(Handle handle, EventDraft draft, long seq) {
    List<Change> changes = new ArrayList<>();
    Optional<Call> call = Optional.empty();
    if (draft.callId().isPresent()) {
      String callId = draft.callId().get();
      CallKey key = new CallKey(draft.tenantId(), callId);
      // Trusted: the writer drops the cache at the start of a batch when another process (hub
      // sync) has logged events since its own last append.
      CachedCall cached = callCache.get(key);
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
      callCache.put(key, new CachedCall(List.copyOf(events), folded));
      changes.add(
          new Change(
              seq,
              folded.tenantId(),
              Change.Kind.CALL,
              Set.copyOf(folded.extensions()),
              folded.queue(),
              record));
      call = Optional.of(folded);
      changes.addAll(
          callbacks.of(
              handle, cached == null ? Optional.empty() : Optional.of(cached.call()), folded, seq));
    }
    Instant at = draft.receivedAt();
    WebhookEvent webhook = draft.webhook().orElse(null);
    String callId = draft.callId().orElse(null);
    if (webhook instanceof AgentStatusChange status) {
      setAgent(
          handle,
          changes,
          draft.tenantId(),
          status.extension(),
          status.status().code(),
          at,
          seq,
          Optional.empty());
    } else if (webhook instanceof IncomingCall incoming && incoming.extension().isPresent()) {
      boolean answered = incoming.event().filter(CallProgress.ANSWER::equals).isPresent();
      String extension = incoming.extension().get();
      if (call.get().state() != CallState.ENDED) {
        setAgent(
            handle,
            changes,
            draft.tenantId(),
            extension,
            answered ? "talk" : "ring",
            at,
            seq,
            Optional.of(callId));
      }
      // A screen-pop is only ever pushed live (a resuming client gets it rebuilt by ChangeReplay):
      // with nobody listening, its contact and history look-ups would be wasted on the write path.
      if (!answered && call.get().state() == CallState.RINGING && listening.getAsBoolean()) {
        changes.add(screenPops.forCall(handle, call.get(), extension, seq));
      }
    } else if (webhook instanceof AgentAnswered answered && call.get().state() != CallState.ENDED) {
      setAgent(
          handle,
          changes,
          draft.tenantId(),
          answered.extension(),
          "talk",
          at,
          seq,
          Optional.of(callId));
    } else if (webhook instanceof AgentNoAnswer noAnswer) {
      releaseAgent(handle, changes, draft.tenantId(), noAnswer.extension(), callId, at, seq);
    } else if (webhook instanceof RingNotification ring) {
      // Like a call's screen-pop, only ever pushed live: nobody listening, nothing to build.
      if (listening.getAsBoolean()) {
        changes.add(screenPops.forRing(handle, draft.tenantId(), ring, seq));
      }
    } else if (webhook instanceof CallDataPending) {
      lookups.schedule(handle, draft.tenantId(), callId, at.plus(CallLookups.FIRST_DELAY));
    } else if (webhook instanceof OutboundCall outbound && call.get().state() != CallState.ENDED) {
      setAgent(
          handle,
          changes,
          draft.tenantId(),
          outbound.extension(),
          "talk",
          at,
          seq,
          Optional.of(callId));
    }
    if (draft.type().equals(EventDraft.CALLBACK_CLOSED)) {
      changes.addAll(callbacks.closed(handle, draft.tenantId(), draft.content(), seq));
    }
    if (call.isPresent() && call.get().state() == CallState.TALKING) {
      // Ring-all: once one agent answers, the others stop ringing.
      for (String extension : call.get().extensions()) {
        if (!call.get().answeredBy().map(extension::equals).orElse(false)) {
          releaseAgent(handle, changes, draft.tenantId(), extension, callId, at, seq);
        }
      }
    }
    if (call.isPresent() && call.get().state() == CallState.ENDED) {
      for (String extension : call.get().extensions()) {
        releaseAgent(handle, changes, draft.tenantId(), extension, callId, at, seq);
      }
    }
    return changes;
  }

  private Optional<AgentStatus> currentAgent(Handle handle, String tenantId, String extension) {
    return agentCache.computeIfAbsent(
        new AgentKey(tenantId, extension), key -> agents.current(handle, tenantId, extension));
  }

  /** Forgets everything cached: called when a transaction failed and was rolled back. */
  void invalidate() {
    callCache.clear();
    agentCache.clear();
  }

  static Change callChange(Call call, long seq) {
    ObjectNode data = CallJson.toJson(call);
    data.put("last_seq", seq);
    return new Change(
        seq, call.tenantId(), Change.Kind.CALL, Set.copyOf(call.extensions()), call.queue(), data);
  }

  /** The agent goes back to available when the call that made it ring or talk is over for it. */
  private void releaseAgent(
      Handle handle,
      List<Change> changes,
      String tenantId,
      String extension,
      String callId,
      Instant at,
      long seq) {
    Optional<AgentStatus> current = currentAgent(handle, tenantId, extension);
    boolean heldByThisCall =
        current
            .filter(s -> s.callId().filter(callId::equals).isPresent())
            .filter(s -> s.status().equals("ring") || s.status().equals("talk"))
            .isPresent();
    if (heldByThisCall) {
      setAgent(handle, changes, tenantId, extension, "on", at, seq, Optional.empty());
    }
  }

  private void setAgent(
      Handle handle,
      List<Change> changes,
      String tenantId,
      String extension,
      String status,
      Instant at,
      long seq,
      Optional<String> callId) {
    AgentKey key = new AgentKey(tenantId, extension);
    Optional<AgentStatus> before = currentAgent(handle, tenantId, extension);
    Optional<AgentStatus> after =
        agents.set(handle, before, tenantId, extension, status, at, seq, callId);
    after.ifPresent(changed -> agentCache.put(key, Optional.of(changed)));
    after.ifPresent(
        s ->
            changes.add(
                new Change(
                    seq,
                    tenantId,
                    Change.Kind.AGENT,
                    Set.of(extension),
                    Optional.empty(),
                    s.toJson())));
  }
}
