package dev.switchboard.pbx.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable CRM on a real local port that records every request it receives. It answers the
 * seeds' {@code {"status code":200,"message":"OK"}}, and can be told to fail (HTTP 500) always or a
 * random share of the time, to answer one path with a status of its choice, to answer a share of
 * requests slowly, to hold the first requests until enough have arrived, or to be down for a while.
 * Its base URL carries a secret token in the path, as real CRM URLs do. Thread-safe.
 */
final class CrmReceiver implements AutoCloseable {
  static final String SECRET = "s3cr3t-7f1c";
  static final String PREFIX = "/hooks/" + SECRET;
  static final String SEED_OK = "{\"status code\" : 200 , \"message\" : \"OK\"}";

  /**
   * One request as it arrived: the raw path and query, the headers a test looks at (null when
   * absent), the body, and the status it was answered with.
   */
  record Received(
      String method,
      String rawPathAndQuery,
      String contentType,
      String accept,
      String userAgent,
      String body,
      int status) {
    /** What followed the CRM base URL. */
    String afterBase() {
      return rawPathAndQuery.startsWith(PREFIX)
          ? rawPathAndQuery.substring(PREFIX.length())
          : rawPathAndQuery;
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final int port;
  private volatile HttpServer server;
  private volatile boolean failAll;
  private volatile double failShare;
  private volatile double slowShare;
  private volatile Duration slowness = Duration.ZERO;
  private volatile String okBody = SEED_OK;
  private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
  private volatile CountDownLatch held = new CountDownLatch(0);
  private volatile Duration holdAtMost = Duration.ZERO;
  private volatile boolean holdTimedOut;
  private final Random random = new Random(11);

  private CrmReceiver(HttpServer server) {
    this.server = server;
    this.port = server.getAddress().getPort();
  }

  /** A receiver on a free port. */
  static CrmReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      CrmReceiver receiver = new CrmReceiver(server);
      receiver.serve(server);
      return receiver;
    } catch (IOException cannot) {
      throw new IllegalStateException(cannot);
    }
  }

  private void serve(HttpServer on) {
    on.createContext("/", this::handle);
    on.setExecutor(handlers);
    on.start();
  }

  /** The base URL to configure as the tenant's CRM URL. */
  String baseUrl() {
    return "http://127.0.0.1:" + port + PREFIX;
  }

  /** Every request so far, in arrival order. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** Requests answered with HTTP 200, in arrival order. */
  List<Received> succeeded() {
    return received.stream().filter(request -> request.status() == 200).toList();
  }

  void failAll(boolean fail) {
    failAll = fail;
  }

  /** Fails this share of requests with HTTP 500, drawn from a seeded generator. */
  void failShare(double share) {
    failShare = share;
  }

  /** Answers this share of requests only after {@code delay}. */
  void slowShare(double share, Duration delay) {
    slowness = delay;
    slowShare = share;
  }

  /**
   * Answers every request for {@code path} (e.g. {@code /api/callcenter/init}) with {@code status}.
   */
  void answer(String path, int status) {
    statusByPath.put(path, status);
  }

  /**
   * Holds each of the next requests until {@code arrivals} requests have arrived (or {@code most}
   * has passed), then answers them all.
   */
  void holdUntil(int arrivals, Duration most) {
    holdAtMost = most;
    held = new CountDownLatch(arrivals);
  }

  /** Whether a held request was answered because {@link #holdUntil}'s time ran out. */
  boolean holdTimedOut() {
    return holdTimedOut;
  }

  /** Answers HTTP 200 with this body instead of the seeds'. */
  void answerOkWith(String body) {
    okBody = body;
  }

  /** Stops listening: connections are refused. */
  void down() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  void up() {
    for (int tries = 0; ; tries++) {
      try {
        HttpServer again =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        serve(again);
        server = again;
        return;
      } catch (BindException busy) {
        if (tries == 50) {
          throw new IllegalStateException("port " + port + " stays busy", busy);
        }
        sleep(Duration.ofMillis(20));
      } catch (IOException cannot) {
        throw new IllegalStateException(cannot);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String query = exchange.getRequestURI().getRawQuery();
      String target = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
      boolean fail;
      boolean slow;
      synchronized (random) {
        fail = failAll || random.nextDouble() < failShare;
        slow = !fail && random.nextDouble() < slowShare;
      }
      String path = exchange.getRequestURI().getRawPath();
      String after = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
      int status = statusByPath.getOrDefault(after, fail ? 500 : 200);
      var headers = exchange.getRequestHeaders();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              target,
              headers.getFirst("Content-Type"),
              headers.getFirst("Accept"),
              headers.getFirst("User-Agent"),
              body,
              status));
      CountDownLatch hold = held;
      hold.countDown();
      if (!await(hold, holdAtMost)) {
        holdTimedOut = true;
      }
      if (slow) {
        sleep(slowness);
      }
      byte[] reply =
          (status == 200 ? okBody : "{\"status code\":" + status + ",\"message\":\"Error\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    } catch (IOException gone) {
      // the dispatcher gave up waiting and closed the connection
    }
  }

  private static boolean await(CountDownLatch latch, Duration most) {
    try {
      return latch.await(most.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      server.stop(0);
    } catch (IllegalStateException alreadyDown) {
      // stopped by down()
    }
    handlers.shutdownNow();
  }
}
