package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeHistory;
import dev.switchboard.protocol.webhook.CallEvent;
import dev.switchboard.protocol.webhook.IncomingCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * What a resuming stream client missed, rebuilt from the log: for every call and agent touched
 * after its last event id, the state as it stands now (sent with the sequence of the last event
 * that touched it), and a screen-pop for each call still ringing. A client further behind than
 * {@code maxEvents} is told to resync instead. Thread-safe.
 */
public final class ChangeReplay implements ChangeHistory {
  private final Jdbi jdbi;
  private final EventLog log;
  private final AgentBoard agents;
  private final ScreenPops screenPops;
  private final int maxEvents;

  /** A replay reading at most {@code maxEvents} log events per resume. */
  public ChangeReplay(
      Jdbi jdbi,
      EventLog log,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      int maxEvents) {
    this.jdbi = jdbi;
    this.log = log;
    this.agents = agents;
    this.screenPops = new ScreenPops(calls, agents, contacts);
    this.maxEvents = maxEvents;
  }

  @Override
  public long lastSeq() {
    return jdbi.withHandle(log::lastSeq);
  }

  @Override
  public Optional<List<Change>> since(long lastSeq) {
    return jdbi.inTransaction(
        handle -> {
          List<LoggedEvent> events = log.after(handle, lastSeq, maxEvents + 1);
          if (events.size() > maxEvents) {
            return Optional.empty();
          }
          Map<String, Long> callsTouched = new LinkedHashMap<>();
          Map<String, Long> agentsTouched = new LinkedHashMap<>();
          for (LoggedEvent event : events) {
            event
                .callId()
                .ifPresent(id -> callsTouched.put(event.tenantId() + "\n" + id, event.seq()));
            event
                .webhook()
                .flatMap(EventLog::extensionOf)
                .ifPresent(ext -> agentsTouched.put(event.tenantId() + "\n" + ext, event.seq()));
          }
          List<Change> changes = new ArrayList<>();
          callsTouched.forEach(
              (key, seq) -> {
                String[] parts = key.split("\n", 2);
                var call =
                    CallFold.fold(parts[0], parts[1], log.eventsOfCall(handle, parts[0], parts[1]));
                changes.add(Projector.callChange(call, seq));
                if (call.state() == CallState.RINGING) {
                  lastRungExtension(events, parts[0], parts[1])
                      .ifPresent(ext -> changes.add(screenPops.forCall(handle, call, ext, seq)));
                }
                // An agent freed by this call's end was changed by it too.
                for (String extension : call.extensions()) {
                  agentsTouched.merge(parts[0] + "\n" + extension, seq, Math::max);
                }
              });
          agentsTouched.forEach(
              (key, seq) -> {
                String[] parts = key.split("\n", 2);
                agents
                    .current(handle, parts[0], parts[1])
                    .ifPresent(
                        s ->
                            changes.add(
                                new Change(
                                    seq,
                                    s.tenantId(),
                                    Change.Kind.AGENT,
                                    Set.of(s.extension()),
                                    Optional.empty(),
                                    s.toJson())));
              });
          changes.sort(java.util.Comparator.comparingLong(Change::seq));
          return Optional.of(changes);
        });
  }

  private static Optional<String> lastRungExtension(
      List<LoggedEvent> events, String tenant, String callId) {
    String found = null;
    for (LoggedEvent event : events) {
      if (event.tenantId().equals(tenant)
          && event
              .webhook()
              .filter(w -> w instanceof CallEvent c && c.callId().value().equals(callId))
              .isPresent()
          && event.webhook().get() instanceof IncomingCall incoming
          && incoming.extension().isPresent()) {
        found = incoming.extension().get();
      }
    }
    return Optional.ofNullable(found);
  }
}
