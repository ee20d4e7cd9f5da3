package dev.switchboard.hub.intake;

import dev.switchboard.hub.events.EventLog;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What a resuming client must be sent, from one pass over what the events it missed touched: each
 * call with the sequence of the last event that touched it and the extension its last {@code
 * call_in} rang, each agent with the sequence of the last event that named it or ended a call it
 * was in, and each callback closed by hand at the sequence of its close. Hands them out in sequence
 * order (a call before an agent of the same sequence); an agent learned from a call's fold is
 * re-queued at that call's sequence. Linear in the events read. Not thread-safe: one replay's own.
 */
final class ReplayPlan {
  private static final String INCOMING_CALL =
      dev.switchboard.protocol.webhook.EventType.INCOMING_CALL.wireName();
  private static final String CALLBACK_CLOSED =
      dev.switchboard.hub.events.EventDraft.CALLBACK_CLOSED;

  record CallKey(String tenantId, String callId) {}

  record AgentKey(String tenantId, String extension) {}

  /** A callback close: the event at {@code seq} of the tenant's log. */
  record CloseKey(String tenantId, long seq) {}

  /** One call, agent or callback close to send, at a sequence. */
  record Item(
      long seq,
      int rank,
      long order,
      Optional<CallKey> call,
      Optional<AgentKey> agent,
      Optional<CloseKey> close) {
    Item(long seq, int rank, long order, Optional<CallKey> call, Optional<AgentKey> agent) {
      this(seq, rank, order, call, agent, Optional.empty());
    }
  }

  private static final class CallTouch {
    long seq;
    Optional<String> rung = Optional.empty();
    final Set<String> extensions = new HashSet<>();
  }

  private final Map<CallKey, CallTouch> calls = new HashMap<>();
  private final Map<AgentKey, Long> agents = new HashMap<>();
  private final PriorityQueue<Item> items =
      new PriorityQueue<>(
          Comparator.comparingLong(Item::seq)
              .thenComparingInt(Item::rank)
              .thenComparingLong(Item::order));
  private long added;

  private ReplayPlan() {}

  /** The plan for the events {@code touches} (in log order). */
  static ReplayPlan of(List<EventLog.Touch> touches) {
    ReplayPlan plan = new ReplayPlan();
    for (EventLog.Touch touch : touches) {
      if (touch.type().equals(CALLBACK_CLOSED)) {
        CloseKey close = new CloseKey(touch.tenantId(), touch.seq());
        plan.add(
            new Item(touch.seq(), 2, 0, Optional.empty(), Optional.empty(), Optional.of(close)));
        continue;
      }
      Optional<CallTouch> call =
          touch
              .callId()
              .map(
                  id ->
                      plan.calls.computeIfAbsent(
                          new CallKey(touch.tenantId(), id), key -> new CallTouch()));
      call.ifPresent(c -> c.seq = touch.seq());
      if (touch.extension().isPresent()) {
        String extension = touch.extension().get();
        plan.agents.merge(new AgentKey(touch.tenantId(), extension), touch.seq(), Math::max);
        call.ifPresent(c -> c.extensions.add(extension));
        if (touch.type().equals(INCOMING_CALL)) {
          call.ifPresent(c -> c.rung = Optional.of(extension));
        }
      }
    }
    // An agent a call touched in the window is changed by the call's last event too.
    plan.calls.forEach(
        (key, call) -> {
          for (String extension : call.extensions) {
            plan.agents.merge(new AgentKey(key.tenantId(), extension), call.seq, Math::max);
          }
          plan.add(new Item(call.seq, 0, 0, Optional.of(key), Optional.empty()));
        });
    plan.agents.forEach(
        (key, seq) -> plan.add(new Item(seq, 1, 0, Optional.empty(), Optional.of(key))));
    return plan;
  }

  private void add(Item item) {
    items.add(new Item(item.seq(), item.rank(), added++, item.call(), item.agent(), item.close()));
  }

  /** The next item to send, in sequence order; empty when all were handed out. */
  Optional<Item> next() {
    for (Item item = items.poll(); item != null; item = items.poll()) {
      if (item.agent().isPresent() && agents.get(item.agent().get()) != item.seq()) {
        continue; // re-queued later
      }
      return Optional.of(item);
    }
    return Optional.empty();
  }

  /** The extension the call's last {@code call_in} in the window rang. */
  Optional<String> rungExtension(CallKey call) {
    return calls.get(call).rung;
  }

  /**
   * The fold of {@code call} (sent at {@code seq}) names {@code extension}: that agent is sent at
   * {@code seq} at the latest, unless the window already put it later.
   */
  void agentOfCall(CallKey call, String extension, long seq) {
    AgentKey agent = new AgentKey(call.tenantId(), extension);
    Long planned = agents.get(agent);
    if (planned == null || planned < seq) {
      agents.put(agent, seq);
      add(new Item(seq, 1, 0, Optional.empty(), Optional.of(agent)));
    }
  }
}
