package dev.switchboard.pbx.dispatch;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the dispatcher's loop sleep until a deadline or until something (an enqueue, a replay, a
 * finished send) gives it work. A signal given while the loop is awake is not lost: the next sleep
 * returns at once. Thread-safe.
 */
final class WakeUpSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private boolean pending; // guarded by lock

  /** Wakes the sleeper, or makes its next sleep return at once. */
  void signal() {
    lock.lock();
    try {
      pending = true;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Sleeps up to {@code most}, less if signalled; consumes the signal. */
  void sleep(Duration most) throws InterruptedException {
    lock.lock();
    try {
      if (!pending && most.isPositive()) {
        signalled.awaitNanos(most.toNanos());
      }
      pending = false;
    } finally {
      lock.unlock();
    }
  }
}
