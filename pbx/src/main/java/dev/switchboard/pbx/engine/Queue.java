package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.QueueSetup;
import java.util.ArrayDeque;
import java.util.Deque;

/** A queue in the engine and the calls waiting in it, first come first served. Not thread-safe. */
final class Queue {
  final QueueSetup setup;
  final Deque<Call> waiting = new ArrayDeque<>();
  int nextMember;

  Queue(QueueSetup setup) {
    this.setup = setup;
  }
}
