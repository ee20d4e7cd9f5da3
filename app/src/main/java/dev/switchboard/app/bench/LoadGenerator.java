package dev.switchboard.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.ObjLongConsumer;

/**
 * Sends GET requests over real HTTP: closed loop (N workers as fast as answers come) for
 * throughput, or open loop (a fixed rate, latency measured from the scheduled send time so a slow
 * server cannot hide its queueing) for latency. Every reply must be HTTP 200.
 */
final class LoadGenerator {
  /** The most requests of a fixed-rate run left unanswered at once; more are not sent. */
  static final int MOST_OUTSTANDING = 2_000;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Requests done, failures with their reasons (an HTTP status or the kind of I/O error, with how
   * many), and latencies in microseconds (sorted).
   */
  record Result(
      long requests, Map<String, Long> failureReasons, Duration elapsed, long[] latenciesMicros) {
    Result {
      failureReasons = Map.copyOf(failureReasons);
    }

    long failures() {
      return failureReasons.values().stream().mapToLong(Long::longValue).sum();
    }

    double perSecond() {
      return requests / (elapsed.toNanos() / 1e9);
    }

    long percentileMicros(double p) {
      if (latenciesMicros.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
      return latenciesMicros[Math.max(0, Math.min(index, latenciesMicros.length - 1))];
    }
  }

  /**
   * {@code workers} loops sending {@code urls.apply(n)} for the n-th request, for {@code length}.
   */
  Result closedLoop(LongFunction<String> urls, int workers, Duration length)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    Failures failures = new Failures();
    ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    long deadline = System.nanoTime() + length.toNanos();
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long[] mine = new long[1 << 16];
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                      long sent = System.nanoTime();
                      failures.count(send(urls.apply(next.getAndIncrement())));
                      if (count == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                      }
                      mine[count++] = (System.nanoTime() - sent) / 1000;
                    }
                    latencies.add(Arrays.copyOf(mine, count));
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return result(latencies, failures.reasons(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** Requests at {@code perSecond}, evenly spaced, for {@code length}. */
  Result openLoop(LongFunction<String> urls, int perSecond, Duration length)
      throws InterruptedException {
    return openLoop(urls, perSecond, length, (url, at) -> {});
  }

  /**
   * As {@link #openLoop(LongFunction, int, Duration)}, telling {@code answered} each URL answered
   * HTTP 200 with the {@link System#nanoTime()} its reply arrived.
   */
  Result openLoop(
      LongFunction<String> urls, int perSecond, Duration length, ObjLongConsumer<String> answered)
      throws InterruptedException {
    long interval = 1_000_000_000L / perSecond;
    long total = length.toSeconds() * perSecond;
    long[] latencies = new long[(int) total];
    Failures failures = new Failures();
    java.util.concurrent.Semaphore outstanding =
        new java.util.concurrent.Semaphore(MOST_OUTSTANDING);
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    long start = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long scheduled = start + i * interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int index = i;
        String url = urls.apply(i);
        if (!outstanding.tryAcquire()) {
          // A server that cannot keep up at this rate: the requests it has not answered would
          // pile up (and this process's heap with them); the ones past the limit are not sent.
          failures.count("not sent: " + MOST_OUTSTANDING + " requests already unanswered");
          latencies[index] = length.toNanos() / 1000; // as long as the whole phase: never answered
          continue;
        }
        pending.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    String failed = send(url);
                    long done = System.nanoTime();
                    failures.count(failed);
                    latencies[index] = (done - scheduled) / 1000;
                    if (failed == null) {
                      answered.accept(url, done);
                    }
                  } finally {
                    outstanding.release();
                  }
                },
                executor));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
    Arrays.sort(latencies);
    return new Result(
        total, failures.reasons(), Duration.ofNanos(System.nanoTime() - start), latencies);
  }

  /** Sends one request; returns null on HTTP 200, else why it failed. */
  private String send(String url) {
    try {
      HttpResponse<String> reply =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return reply.statusCode() == 200 ? null : "HTTP " + reply.statusCode();
    } catch (java.io.IOException failed) {
      return failed.getClass().getSimpleName();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Failed requests counted by reason. Thread-safe. */
  private static final class Failures {
    private final ConcurrentHashMap<String, LongAdder> byReason = new ConcurrentHashMap<>();

    void count(String reason) {
      if (reason != null) {
        byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
      }
    }

    Map<String, Long> reasons() {
      Map<String, Long> copy = new TreeMap<>();
      byReason.forEach((reason, count) -> copy.put(reason, count.sum()));
      return copy;
    }
  }

  private static Result result(
      ConcurrentLinkedQueue<long[]> parts, Map<String, Long> failures, Duration elapsed) {
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all.length, failures, elapsed, all);
  }
}
