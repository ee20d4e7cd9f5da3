package dev.switchboard.pbx.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The engine's agenda: tasks due at simulated instants, run in time order (ties in the order they
 * were scheduled). Not thread-safe: used under the engine's lock.
 */
final class Scheduler {
  private long sequence;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) ->
              a.at.equals(b.at) ? Long.compare(a.sequence, b.sequence) : a.at.compareTo(b.at));

  /** A scheduled task; cancel it to skip it. */
  static final class Task {
    private final Instant at;
    private final long sequence;
    private final Runnable action;
    private boolean cancelled;

    private Task(Instant at, long sequence, Runnable action) {
      this.at = at;
      this.sequence = sequence;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
    }
  }

  Task at(Instant at, Runnable action) {
    Task task = new Task(at, sequence++, action);
    tasks.add(task);
    return task;
  }

  /**
   * Runs every task due at or before {@code now}, including ones they schedule; returns how many.
   */
  int runDue(Instant now) {
    int ran = 0;
    while (!tasks.isEmpty() && !tasks.peek().at.isAfter(now)) {
      Task task = tasks.poll();
      if (!task.cancelled) {
        task.action.run();
        ran++;
      }
    }
    return ran;
  }

  /** When the next task is due. */
  Optional<Instant> next() {
    while (!tasks.isEmpty() && tasks.peek().cancelled) {
      tasks.poll();
    }
    return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.peek().at);
  }
}
