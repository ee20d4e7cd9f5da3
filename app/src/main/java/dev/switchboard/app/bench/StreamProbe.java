package dev.switchboard.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code clients} live-stream readers ({@code GET /v1/stream}), each noting when it first saw a
 * {@code call} change of each callid; {@link #latencies} turns that into the time from a webhook's
 * 200 to its arrival at every client.
 */
final class StreamProbe implements AutoCloseable {
  private static final String CALLID = "\"callid\":\"";

  private final List<Map<String, Long>> firstSeen = new ArrayList<>();
  private final List<InputStream> bodies = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final CountDownLatch connected;

  private StreamProbe(int clients) {
    connected = new CountDownLatch(clients);
  }

  /** Opens the streams and waits until every one has said {@code : connected}. */
  static StreamProbe open(HttpClient client, String streamUrl, String token, int clients)
      throws IOException, InterruptedException {
    StreamProbe probe = new StreamProbe(clients);
    for (int i = 0; i < clients; i++) {
      HttpResponse<InputStream> reply =
          client.send(
              HttpRequest.newBuilder(URI.create(streamUrl))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (reply.statusCode() != 200) {
        reply.body().close();
        probe.close();
        throw new IOException("GET " + streamUrl + " answered HTTP " + reply.statusCode());
      }
      Map<String, Long> seen = new ConcurrentHashMap<>();
      probe.firstSeen.add(seen);
      probe.bodies.add(reply.body());
      probe.readers.add(Thread.ofVirtual().start(() -> probe.read(reply.body(), seen)));
    }
    if (!probe.connected.await(30, TimeUnit.SECONDS)) {
      probe.close();
      throw new IOException("the streams did not all say ': connected' within 30 s");
    }
    return probe;
  }

  private void read(InputStream body, Map<String, Long> seen) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "";
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        long now = System.nanoTime();
        if (line.startsWith(": connected")) {
          connected.countDown();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:") && event.equals("call")) {
          int at = line.indexOf(CALLID);
          if (at >= 0) {
            int start = at + CALLID.length();
            int end = line.indexOf('"', start);
            if (end > start) {
              seen.putIfAbsent(line.substring(start, end), now);
            }
          }
        }
      }
    } catch (IOException closed) {
      // the probe was closed, or the hub ended the stream
    }
  }

  /** What the clients saw of the calls in {@code answered} (callid to the first 200's nanoTime). */
  record Arrivals(long[] latenciesMicros, long expected, long missing) {
    long percentileMicros(double p) {
      if (latenciesMicros.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
      return latenciesMicros[Math.max(0, Math.min(index, latenciesMicros.length - 1))];
    }
  }

  /**
   * Waits up to {@code grace} for every client to have seen every call of {@code answered}, then
   * gives the time from each call's first 200 to its first change at each client (0 when the change
   * arrived before the client read the 200) and how many arrivals are missing.
   */
  Arrivals latencies(Map<String, Long> answered, Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && missing(answered) > 0) {
      Thread.sleep(20);
    }
    long[] all = new long[answered.size() * firstSeen.size()];
    int count = 0;
    for (Map<String, Long> seen : firstSeen) {
      for (Map.Entry<String, Long> ok : answered.entrySet()) {
        Long arrived = seen.get(ok.getKey());
        if (arrived != null) {
          all[count++] = Math.max(0, arrived - ok.getValue()) / 1000;
        }
      }
    }
    long[] latencies = Arrays.copyOf(all, count);
    Arrays.sort(latencies);
    return new Arrivals(latencies, all.length, all.length - count);
  }

  private long missing(Map<String, Long> answered) {
    long missing = 0;
    for (Map<String, Long> seen : firstSeen) {
      for (String callid : answered.keySet()) {
        if (!seen.containsKey(callid)) {
          missing++;
        }
      }
    }
    return missing;
  }

  @Override
  public void close() {
    for (InputStream body : bodies) {
      try {
        body.close();
      } catch (IOException ignored) {
        // closing a stream the hub already ended
      }
    }
    for (Thread reader : readers) {
      reader.interrupt();
    }
  }
}
