package dev.switchboard.hub.stream;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fans committed changes out to live stream clients. Publishing never blocks: each client has a
 * bounded buffer, and a client that falls behind by more than that is marked overflowed and told to
 * resync, so a slow client never slows intake. Each change reaches every client as the same {@link
 * Delivery}, so what it is rendered to is worked out once for all the clients that see it the same
 * way, not once a client. Thread-safe.
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
    if (subscriptions.isEmpty()) {
      return;
    }
    List<Delivery> deliveries = changes.stream().map(Delivery::new).toList();
    for (Subscription subscription : subscriptions) {
      for (Delivery delivery : deliveries) {
        if (subscription.filter.test(delivery.change()) && !subscription.buffer.offer(delivery)) {
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

  /**
   * One change on its way to every client: the same instance for all of them, keeping what it was
   * rendered to for each view ({@link #rendered}).
   */
  public static final class Delivery {
    private final Change change;
    private final Map<Object, String> rendered = new ConcurrentHashMap<>(4);

    Delivery(Change change) {
      this.change = change;
    }

    /** The change. */
    public Change change() {
      return change;
    }

    /**
     * The change rendered for the view {@code view} (callers with equal views see a change alike),
     * by {@code render} the first time any client asks for that view.
     */
    public String rendered(Object view, Function<Change, String> render) {
      return rendered.computeIfAbsent(view, v -> render.apply(change));
    }
  }

  /** One client's bounded buffer of changes. */
  public final class Subscription implements AutoCloseable {
    private final StreamFilter filter;
    private final BlockingQueue<Delivery> buffer;
    private volatile boolean overflowed;

    private Subscription(StreamFilter filter, BlockingQueue<Delivery> buffer) {
      this.filter = filter;
      this.buffer = buffer;
    }

    /** The next change, waiting up to {@code millis}; null when none came. */
    public Delivery poll(long millis) throws InterruptedException {
      return buffer.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Moves up to {@code max} changes already waiting into {@code into}, without waiting. */
    public int drainTo(Collection<Delivery> into, int max) {
      return buffer.drainTo(into, max);
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
