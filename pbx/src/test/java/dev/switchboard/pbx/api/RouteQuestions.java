package dev.switchboard.pbx.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A CRM answering the PBX's routing questions on a real HTTP server (port 0), under a {@code
 * /hooks/TOKEN} prefix as the hub's webhook URL has: it answers what it is told to ({@link
 * #answer}), or holds the question until {@link #release} (a CRM too slow for the timeout). Keeps
 * every question's path and query. Thread-safe.
 */
final class RouteQuestions implements AutoCloseable {
  static final String PREFIX = "/hooks/route-test-token";

  private final HttpServer server;
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch held = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String body = "";
  private volatile boolean hold;

  RouteQuestions() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        PREFIX + "/api/callcenter/route",
        exchange -> {
          asked.add(exchange.getRequestURI().toString());
          if (hold) {
            held.countDown();
            try {
              released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
  }

  /** The CRM URL a tenant is configured with. */
  String crmUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
  }

  /** Answers every question with {@code status} and {@code body}. */
  void answer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** Holds every question until {@link #release}. */
  void holdAnswers() {
    hold = true;
  }

  /** Waits until a question is being held. */
  void awaitHeldQuestion() throws InterruptedException {
    if (!held.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no routing question came");
    }
  }

  void release() {
    released.countDown();
  }

  List<String> asked() {
    return List.copyOf(asked);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
