package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.QueueSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A queue in the engine: the calls waiting in it, first come first served, its members' phones in
 * the configured order, and the strategy that picks whom to ring. Not thread-safe: used under the
 * engine's lock.
 */
final class Queue {
  final QueueSetup setup;
  final RingStrategy strategy;
  private final List<Agent> members;
  private final List<Call> waiting = new ArrayList<>();

  Queue(QueueSetup setup, List<Agent> members, RingStrategy strategy) {
    this.setup = setup;
    this.members = List.copyOf(members);
    this.strategy = strategy;
  }

  /** The members' phones, in the configured order (parallel to {@code setup.members()}). */
  List<Agent> members() {
    return members;
  }

  /** The call joins the queue in order of arrival (behind every call that came before it). */
  void enqueue(Call call) {
    int at = waiting.size();
    while (at > 0 && waiting.get(at - 1).start.isAfter(call.start)) {
      at--;
    }
    waiting.add(at, call);
  }

  void leave(Call call) {
    waiting.remove(call);
  }

  /** The call whose turn it is. */
  Optional<Call> first() {
    return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.get(0));
  }
}
