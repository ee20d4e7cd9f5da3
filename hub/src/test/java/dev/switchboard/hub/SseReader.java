package dev.switchboard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Server-Sent Events client for tests: reads events off a live connection into a queue. */
final class SseReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its name, id and JSON data. */
  record Event(String name, String id, JsonNode data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  SseReader(HttpClient client, String url, String token, String lastEventId) {
    this(client, url, java.util.Map.of("Authorization", "Bearer " + token), lastEventId);
  }

  /** A stream read with {@code headers} (a console session's cookie, say). */
  SseReader(
      HttpClient client, String url, java.util.Map<String, String> headers, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    headers.forEach(request::header);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(
        r -> {
          String name = "message";
          String id = null;
          StringBuilder data = new StringBuilder();
          try (Stream<String> lines = r.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
              if (line.isEmpty()) {
                if (data.length() > 0) {
                  events.add(new Event(name, id, parse(data.toString())));
                }
                name = "message";
                id = null;
                data.setLength(0);
              } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
              } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
              } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
              }
            }
          } catch (RuntimeException closed) {
            // the connection was closed
          }
          ended.complete(null);
        });
  }

  /** Whether the server ended the stream within {@code wait}. */
  boolean endsWithin(Duration wait) throws InterruptedException {
    try {
      ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException no) {
      return false;
    }
  }

  int status() throws Exception {
    return response.get(10, TimeUnit.SECONDS).statusCode();
  }

  /** The next event named {@code name}, skipping others, waiting up to {@code wait}. */
  Event next(String name, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event != null && event.name().equals(name)) {
        return event;
      }
    }
    throw new AssertionError("no '" + name + "' event within " + wait);
  }

  /** Hands every event received so far to {@code sink}, in order, and forgets them. */
  void drainTo(java.util.function.Consumer<Event> sink) {
    Event event;
    while ((event = events.poll()) != null) {
      sink.accept(event);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  @Override
  public void close() {
    response.cancel(true);
    response.thenAccept(r -> r.body().close());
  }
}
