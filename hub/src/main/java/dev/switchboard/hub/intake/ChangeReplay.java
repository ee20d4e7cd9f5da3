package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallFold;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What a resuming stream client missed, rebuilt from the log: for every call and agent touched
 * after its last event id, the state as it stands now (sent with the sequence of the last event
 * that touched it), a screen-pop for each call still ringing, and the callback items those calls
 * and the callbacks closed by hand changed, as they stand now.
 *
 * <p>Its cost is bounded and linear: one pass reads at most {@code maxEvents} events after the id
 * (a client further behind is told to reload), then each call is folded from its events, at most
 * {@value #WORK_PER_EVENT} times {@code maxEvents} events read in all (beyond that the replay is
 * cut and the client told to reload). Changes are computed a few at a time, each chunk on a
 * connection taken for it alone (no transaction, so no write lock on SQLite), and handed over at
 * once, so a replay stops as soon as its client is gone. Thread-safe.
 */
public final class ChangeReplay implements ChangeHistory {
  /** How many events a replay may read, in all, per event it may replay. */
  static final int WORK_PER_EVENT = 3;

  /** Changes computed on one connection before they are handed over. */
  private static final int CHUNK = 64;

  private final Jdbi jdbi;
  private final EventLog log;
  private final AgentBoard agents;
  private final ScreenPops screenPops;
  private final CallbackChanges callbacks;
  private final int maxEvents;
  private final Counter eventsRead;
  private final Counter changesSent;
  private final MeterRegistry metrics;

  /** A replay reading at most {@code maxEvents} log events after a client's id. */
  public ChangeReplay(
      Jdbi jdbi,
      EventLog log,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      CallbackChanges callbacks,
      int maxEvents,
      MeterRegistry metrics) {
    this.jdbi = jdbi;
    this.log = log;
    this.agents = agents;
    this.screenPops = new ScreenPops(calls, agents, contacts);
    this.callbacks = callbacks;
    this.maxEvents = maxEvents;
    this.metrics = metrics;
    this.eventsRead =
        Counter.builder("switchboard.stream.replay.events_read")
            .description("Log events read to replay what resuming stream clients missed")
            .register(metrics);
    this.changesSent =
        Counter.builder("switchboard.stream.replay.changes")
            .description("Changes handed to resuming stream clients")
            .register(metrics);
  }

  @Override
  public long lastSeq() {
    return jdbi.withHandle(log::lastSeq);
  }

  @Override
  public Outcome replay(long lastSeq, Predicate<Change> sink) {
    Outcome outcome = run(lastSeq, sink);
    Counter.builder("switchboard.stream.replays")
        .description("Stream resumes, by how they ended")
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(metrics)
        .increment();
    return outcome;
  }

  private Outcome run(long lastSeq, Predicate<Change> sink) {
    List<EventLog.Touch> touches =
        jdbi.withHandle(h -> log.touchesAfter(h, lastSeq, maxEvents + 1));
    eventsRead.increment(touches.size());
    if (touches.size() > maxEvents) {
      return Outcome.TOO_FAR_BEHIND;
    }
    ReplayPlan plan = ReplayPlan.of(touches);
    long[] budget = {(long) WORK_PER_EVENT * maxEvents - touches.size()};
    while (true) {
      List<Change> chunk = new ArrayList<>(CHUNK);
      boolean withinBudget = jdbi.withHandle(h -> computeChunk(h, plan, chunk, budget));
      if (!withinBudget) {
        return Outcome.CUT;
      }
      if (chunk.isEmpty()) {
        return Outcome.COMPLETE;
      }
      for (Change change : chunk) {
        if (!sink.test(change)) {
          return Outcome.ABANDONED;
        }
        changesSent.increment();
      }
    }
  }

  /** Computes the next changes into {@code chunk}; false when the budget ran out. */
  private boolean computeChunk(Handle handle, ReplayPlan plan, List<Change> chunk, long[] budget) {
    while (chunk.size() < CHUNK) {
      Optional<ReplayPlan.Item> next = plan.next();
      if (next.isEmpty()) {
        return true;
      }
      ReplayPlan.Item item = next.get();
      if (item.call().isPresent()) {
        ReplayPlan.CallKey key = item.call().get();
        List<LoggedEvent> events = log.eventsOfCall(handle, key.tenantId(), key.callId());
        eventsRead.increment(events.size());
        budget[0] -= events.size();
        if (budget[0] < 0) {
          return false;
        }
        Call call = CallFold.fold(key.tenantId(), key.callId(), events);
        Change callChange = CallProjection.change(call, item.seq());
        chunk.add(callChange);
        if (call.state() == CallState.RINGING) {
          plan.rungExtension(key)
              .ifPresent(
                  ext ->
                      chunk.add(
                          screenPops.forCall(handle, call, callChange.data(), ext, item.seq())));
        }
        chunk.addAll(callbacks.of(handle, call, item.seq()));
        // An agent freed by this call's end was changed by it too.
        for (String extension : call.extensions()) {
          plan.agentOfCall(key, extension, item.seq());
        }
      } else if (item.close().isPresent()) {
        ReplayPlan.CloseKey key = item.close().get();
        for (LoggedEvent close : log.after(handle, key.seq() - 1, 1)) {
          chunk.addAll(callbacks.ofClose(handle, key.tenantId(), close.content(), key.seq()));
        }
      } else {
        ReplayPlan.AgentKey key = item.agent().orElseThrow();
        agents
            .current(handle, key.tenantId(), key.extension())
            .ifPresent(
                status ->
                    chunk.add(
                        new Change(
                            item.seq(),
                            status.tenantId(),
                            Change.Kind.AGENT,
                            Set.of(status.extension()),
                            Optional.empty(),
                            status.toJson())));
      }
    }
    return true;
  }
}
