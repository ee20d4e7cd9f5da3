package dev.switchboard.hub.stream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fans committed changes out to live stream clients. Publishing never blocks: each client has a
 * bounded buffer, and a client that falls behind by more than that is marked overflowed and told to
 * resync, so a slow client never slows intake. Thread-safe.
 */
public final class ChangeFeed {
  private final int bufferPerClient;
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

  /** A feed giving each client a buffer of {@code bufferPerClient} changes. */
  public ChangeFeed(int bufferPerClient) {
    if (bufferPerClient < 1) {
      throw new IllegalArgumentException("stream buffer must hold at least one change");
    }
    this.bufferPerClient = bufferPerClient;
  }

  /** Starts receiving changes that pass {@code filter}; close the subscription when done. */
  public Subscription subscribe(StreamFilter filter) {
    Subscription subscription = new Subscription(filter, new ArrayBlockingQueue<>(bufferPerClient));
    subscriptions.add(subscription);
    return subscription;
  }

  /** Offers committed changes, in order, to every subscription whose filter they pass. */
  public void publish(List<Change> changes) {
    for (Subscription subscription : subscriptions) {
      for (Change change : changes) {
        if (subscription.filter.test(change) && !subscription.buffer.offer(change)) {
          subscription.overflowed = true;
          break;
        }
      }
    }
  }

  /** How many changes each client's buffer holds. */
  public int bufferPerClient() {
    return bufferPerClient;
  }

  /** How many clients are subscribed. */
  public int clients() {
    return subscriptions.size();
  }

  /** One client's bounded buffer of changes. */
  public final class Subscription implements AutoCloseable {
    private final StreamFilter filter;
    private final BlockingQueue<Change> buffer;
    private volatile boolean overflowed;

    private Subscription(StreamFilter filter, BlockingQueue<Change> buffer) {
      this.filter = filter;
      this.buffer = buffer;
    }

    /** The next change, waiting up to {@code millis}; null when none came. */
    public Change poll(long millis) throws InterruptedException {
      return buffer.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether changes were dropped because the client fell too far behind. */
    public boolean overflowed() {
      return overflowed;
    }

    /** The filter this subscription applies. */
    public StreamFilter filter() {
      return filter;
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
