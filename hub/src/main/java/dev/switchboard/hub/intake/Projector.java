package dev.switchboard.hub.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.CallJson;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.Contact;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Applies one newly logged event to everything derived from the log, inside the same transaction:
 * the call record (refolded from all of the call's events), the agent board, and the screen-pop of
 * a ringing inbound call. Returns the changes to push once committed. Stateless apart from its
 * stores; thread-safe.
 */
final class Projector {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int RECENT_CALLS = 5;

  private final EventLog log;
  private final CallStore calls;
  private final AgentBoard agents;
  private final ContactStore contacts;

  Projector(EventLog log, CallStore calls, AgentBoard agents, ContactStore contacts) {
    this.log = log;
    this.calls = calls;
    this.agents = agents;
    this.contacts = contacts;
  }

  List<Change> apply(Handle handle, EventDraft draft, long seq) {
    List<Change> changes = new ArrayList<>();
    Optional<Call> call = Optional.empty();
    if (draft.callId().isPresent()) {
      String callId = draft.callId().get();
      List<LoggedEvent> events = log.eventsOfCall(handle, draft.tenantId(), callId);
      Call folded = CallFold.fold(draft.tenantId(), callId, events);
      calls.save(handle, folded, seq);
      changes.add(callChange(folded, seq));
      call = Optional.of(folded);
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
      if (!answered && call.get().state() == CallState.RINGING) {
        changes.add(screenPop(handle, call.get(), extension, seq));
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
    if (call.isPresent() && call.get().state() == CallState.ENDED) {
      for (String extension : call.get().extensions()) {
        releaseAgent(handle, changes, draft.tenantId(), extension, callId, at, seq);
      }
    }
    return changes;
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
    Optional<AgentStatus> current = agents.current(handle, tenantId, extension);
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
    agents
        .set(handle, tenantId, extension, status, at, seq, callId)
        .ifPresent(
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

  /** A ringing inbound call for {@code extension}, with the matched contact and recent calls. */
  Change screenPop(Handle handle, Call call, String extension, long seq) {
    ObjectNode data = JSON.createObjectNode();
    data.put("extension", extension);
    data.set("call", CallJson.toJson(call));
    Optional<Contact> contact =
        call.customer()
            .flatMap(phone -> contacts.match(handle, call.tenantId(), phone).stream().findFirst());
    data.set("contact", contact.map(Contact::toJson).orElse(null));
    var recent = data.putArray("recent_calls");
    call.customer()
        .ifPresent(
            phone ->
                calls
                    .recentCallsOf(
                        handle,
                        call.tenantId(),
                        phone.e164().orElse(phone.raw()),
                        phone.trailingDigits(CallStore.TRAILING_DIGITS).orElse(phone.raw()),
                        call.callId(),
                        RECENT_CALLS)
                    .forEach(recent::add));
    return new Change(
        seq, call.tenantId(), Change.Kind.SCREEN_POP, Set.of(extension), call.queue(), data);
  }
}
