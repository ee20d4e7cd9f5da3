package dev.switchboard.server.testing;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Sends hostile requests to a server on this machine, one connection each, and judges every
 * outcome: no status of 500 or more from the application (the protocol layer's 505 for a version it
 * does not speak and 501 for a transfer coding it does not know excepted), the route's documented
 * error shape on every refusal (a server-layer refusal such as Jetty's 400, 413, 414 or 431 in its
 * own words, a reply to HEAD and one to a request no route can take excepted), nothing stored by a
 * refused request (the {@code stored} count unchanged across it), no secret in any reply, and an
 * answer (or a closed connection) to every request the client did not abandon. Fast requests go one
 * at a time; slow ones a few at a time in parallel, so the run is bounded. Not thread-safe: one run
 * at a time.
 */
public final class HostileRun {
  /** Statuses Jetty answers by itself to a request it cannot parse or will not take. */
  static final Set<Integer> SERVER_LAYER = Set.of(400, 408, 411, 413, 414, 417, 426, 431, 501, 505);

  /**
   * Protocol answers only the HTTP layer gives, never a route: a version it does not speak (505), a
   * transfer coding it does not know (501). Not counted as server errors.
   */
  static final Set<Integer> PROTOCOL_ONLY = Set.of(501, 505);

  private static final int SLOW_AT_ONCE = 6;

  private final int port;
  private final Duration answerTimeout;
  private final ErrorShape anyShape;
  private final List<String> secrets;
  private final LongSupplier stored;

  /**
   * A run against {@code 127.0.0.1:port}: a reply may take {@code answerTimeout}; {@code anyShape}
   * is what a refusal of a request that left its route may look like; {@code secrets} must never
   * come back; {@code stored} counts what the server has stored (rows, calls, webhooks).
   */
  public HostileRun(
      int port,
      Duration answerTimeout,
      ErrorShape anyShape,
      List<String> secrets,
      LongSupplier stored) {
    this.port = port;
    this.answerTimeout = answerTimeout;
    this.anyShape = anyShape;
    this.secrets = secrets.stream().filter(s -> s.length() >= 6).toList();
    this.stored = stored;
  }

  /** Sends {@code requests} and tallies them under {@code category}. */
  public Tally run(Category category, List<HostileRequest> requests) {
    Tally tally = new Tally(category);
    long started = System.nanoTime();
    List<HostileRequest> slow = new ArrayList<>();
    for (HostileRequest request : requests) {
      if (request.pacing().slow()) {
        slow.add(request);
        continue;
      }
      long before = stored.getAsLong();
      Outcome outcome = exchange(request);
      judge(tally, request, outcome);
      if (outcome.rejected() && stored.getAsLong() != before) {
        tally.violation(request, outcome, "a refused request stored something");
      }
    }
    for (int from = 0; from < slow.size(); from += SLOW_AT_ONCE) {
      runTogether(tally, slow.subList(from, Math.min(slow.size(), from + SLOW_AT_ONCE)));
    }
    tally.took(Duration.ofNanos(System.nanoTime() - started));
    return tally;
  }

  private void runTogether(Tally tally, List<HostileRequest> group) {
    long before = stored.getAsLong();
    List<Outcome> outcomes = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (HostileRequest request : group) {
        futures.add(threads.submit(() -> exchange(request)));
      }
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", interrupted);
    } catch (ExecutionException failed) {
      throw new IllegalStateException(failed.getCause());
    }
    for (int i = 0; i < group.size(); i++) {
      judge(tally, group.get(i), outcomes.get(i));
    }
    if (outcomes.stream().allMatch(Outcome::rejected) && stored.getAsLong() != before) {
      tally.violation(
          group.get(0), outcomes.get(0), "a group of refused requests stored something");
    }
  }

  private void judge(Tally tally, HostileRequest request, Outcome outcome) {
    tally.count(request, outcome);
    if (outcome.kind() == Outcome.Kind.NO_ANSWER) {
      tally.violation(request, outcome, "no answer within " + answerTimeout.toSeconds() + " s");
      return;
    }
    if (outcome.reply().isEmpty()) {
      return;
    }
    RawReply reply = outcome.reply().get();
    // Jetty's own refusal: in its own words, or in one of the server's documented shapes.
    boolean serverLayer =
        SERVER_LAYER.contains(reply.status())
            && (!reply.mediaType().equals("application/json") || anyShape.matches(reply));
    if (reply.status() >= 500 && !PROTOCOL_ONLY.contains(reply.status())) {
      tally.violation(request, outcome, "a server error for a client's request");
    } else if (reply.status() >= 400
        && !serverLayer
        && !request.routeless()
        && !request.bodilessReply()) {
      ErrorShape shape = request.errors().orElse(anyShape);
      if (!shape.matches(reply)) {
        tally.violation(request, outcome, "the error is not " + shape);
      }
    }
    // A success may hold what the client itself stored; a refusal has no business quoting it.
    String text = reply.status() >= 400 ? reply.headers() + reply.body() : "";
    for (String secret : secrets) {
      if (text.contains(secret)) {
        tally.violation(request, outcome, "a refusal quotes a secret");
      }
    }
  }

  /** Sends one request on a connection of its own and sees what comes back. */
  Outcome exchange(HostileRequest request) {
    try (RawConnection connection = new RawConnection("127.0.0.1", port, answerTimeout)) {
      try {
        send(connection, request);
        if (request.pacing().abandon()) {
          return Outcome.ended(Outcome.Kind.ABANDONED, "");
        }
        if (request.halfClose()) {
          connection.shutdownOutput();
        }
      } catch (IOException sendFailed) {
        // The server may have answered and closed before taking it all: read what it said.
      }
      try {
        return Outcome.replied(connection.read(request.bodilessReply()));
      } catch (SocketTimeoutException silent) {
        return Outcome.ended(Outcome.Kind.NO_ANSWER, "");
      } catch (RawConnection.ConnectionClosedException | SocketException closed) {
        return Outcome.ended(Outcome.Kind.CLOSED, closed.getMessage());
      } catch (IOException unreadable) {
        return Outcome.ended(Outcome.Kind.CLOSED, unreadable.getMessage());
      }
    } catch (IOException cannotConnect) {
      return Outcome.ended(Outcome.Kind.CLOSED, "could not connect: " + cannotConnect.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Outcome.ended(Outcome.Kind.ABANDONED, "interrupted");
    }
  }

  private static void send(RawConnection connection, HostileRequest request)
      throws IOException, InterruptedException {
    byte[] bytes = request.bytes();
    Pacing pacing = request.pacing();
    int sent = 0;
    while (sent < bytes.length) {
      int end = (int) Math.min(bytes.length, (long) sent + pacing.pieceSize());
      if (pacing.stallAt() > sent && pacing.stallAt() < end) {
        end = pacing.stallAt();
      }
      connection.send(bytes, sent, end - sent);
      sent = end;
      if (sent == pacing.stallAt()) {
        Thread.sleep(pacing.stall());
        if (pacing.abandon()) {
          return;
        }
      } else if (!pacing.gap().isZero() && sent < bytes.length) {
        Thread.sleep(pacing.gap());
      }
    }
  }

  /** The status of {@code GET /health}, or -1 when the server does not answer. */
  public int health() {
    try (RawConnection connection = new RawConnection("127.0.0.1", port, answerTimeout)) {
      return connection
          .exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .status();
    } catch (IOException down) {
      return -1;
    }
  }
}
