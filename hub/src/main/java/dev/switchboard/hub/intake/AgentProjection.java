package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The agent board: an agent's status as its own webhooks and its calls' webhooks set it, and back
 * to available when the call that made it ring or talk is over for it. Keeps each agent's status as
 * last read or written, so the board is asked once an agent, not once an event. Not thread-safe:
 * used by the writer thread only.
 */
final class AgentProjection {
  private record AgentKey(String tenantId, String extension) {}

  private final AgentBoard agents;

  // Mirrors committed state; dropped whole when a transaction fails.
  private final Map<AgentKey, Optional<AgentStatus>> cache = new HashMap<>();

  AgentProjection(AgentBoard agents) {
    this.agents = agents;
  }

  /**
   * The status the webhook of {@code draft} sets: a status change, a call ringing or answered at an
   * extension, an agent's answer or no-answer, an outbound call placed. {@code call} is the event's
   * call as it now stands.
   */
  void onEvent(
      Handle handle, EventDraft draft, Optional<Call> call, long seq, List<Change> changes) {
    WebhookEvent webhook = draft.webhook().orElse(null);
    String tenantId = draft.tenantId();
    Instant at = draft.receivedAt();
    Optional<String> callId = draft.callId();
    if (webhook instanceof AgentStatusChange status) {
      set(
          handle,
          changes,
          tenantId,
          status.extension(),
          status.status().code(),
          at,
          seq,
          Optional.empty());
    } else if (webhook instanceof IncomingCall incoming
        && incoming.extension().isPresent()
        && call.get().state() != CallState.ENDED) {
      boolean answered = incoming.event().filter(CallProgress.ANSWER::equals).isPresent();
      set(
          handle,
          changes,
          tenantId,
          incoming.extension().get(),
          answered ? "talk" : "ring",
          at,
          seq,
          callId);
    } else if (webhook instanceof AgentAnswered answered && call.get().state() != CallState.ENDED) {
      set(handle, changes, tenantId, answered.extension(), "talk", at, seq, callId);
    } else if (webhook instanceof AgentNoAnswer noAnswer) {
      release(handle, changes, tenantId, noAnswer.extension(), callId.orElse(null), at, seq);
    } else if (webhook instanceof OutboundCall outbound && call.get().state() != CallState.ENDED) {
      set(handle, changes, tenantId, outbound.extension(), "talk", at, seq, callId);
    }
  }

  /**
   * Releases the agents {@code call} no longer holds: once one agent answers, the others it rang
   * stop ringing (ring-all); once it ended, every agent it held.
   */
  void onCallState(Handle handle, EventDraft draft, Call call, long seq, List<Change> changes) {
    String callId = call.callId();
    if (call.state() == CallState.TALKING) {
      for (String extension : call.extensions()) {
        if (!call.answeredBy().map(extension::equals).orElse(false)) {
          release(handle, changes, draft.tenantId(), extension, callId, draft.receivedAt(), seq);
        }
      }
    } else if (call.state() == CallState.ENDED) {
      for (String extension : call.extensions()) {
        release(handle, changes, draft.tenantId(), extension, callId, draft.receivedAt(), seq);
      }
    }
  }

  /** Forgets every cached status: called when a transaction failed and was rolled back. */
  void invalidate() {
    cache.clear();
  }

  private Optional<AgentStatus> current(Handle handle, String tenantId, String extension) {
    return cache.computeIfAbsent(
        new AgentKey(tenantId, extension), key -> agents.current(handle, tenantId, extension));
  }

  /** The agent goes back to available when the call that made it ring or talk is over for it. */
  private void release(
      Handle handle,
      List<Change> changes,
      String tenantId,
      String extension,
      String callId,
      Instant at,
      long seq) {
    boolean heldByThisCall =
        current(handle, tenantId, extension)
            .filter(s -> s.callId().filter(c -> c.equals(callId)).isPresent())
            .filter(s -> s.status().equals("ring") || s.status().equals("talk"))
            .isPresent();
    if (heldByThisCall) {
      set(handle, changes, tenantId, extension, "on", at, seq, Optional.empty());
    }
  }

  private void set(
      Handle handle,
      List<Change> changes,
      String tenantId,
      String extension,
      String status,
      Instant at,
      long seq,
      Optional<String> callId) {
    Optional<AgentStatus> before = current(handle, tenantId, extension);
    Optional<AgentStatus> after =
        agents.set(handle, before, tenantId, extension, status, at, seq, callId);
    after.ifPresent(
        changed -> {
          cache.put(new AgentKey(tenantId, extension), Optional.of(changed));
          changes.add(
              new Change(
                  seq,
                  tenantId,
                  Change.Kind.AGENT,
                  Set.of(extension),
                  Optional.empty(),
                  changed.toJson()));
        });
  }
}
