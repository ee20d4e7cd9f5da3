package dev.switchboard.hub.stream;

import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/stream}: Server-Sent Events of every committed change. Event names {@code call},
 * {@code agent}, {@code screen_pop}; the event id is the log sequence; {@code Last-Event-ID} (or
 * {@code ?last_event_id=}) resumes with nothing missed; {@code ?extension=}, {@code ?queue=} and
 * {@code ?tenant=} filter; a comment line every heartbeat; a client that falls behind its buffer
 * gets a {@code resync} event and is closed. Streams whatever the request's {@code Accept} says.
 */
public final class StreamRoutes {
  private static final Logger log = LoggerFactory.getLogger(StreamRoutes.class);
  private final ChangeFeed feed;
  private final ChangeHistory history;
  private final Duration heartbeat;
  private final java.util.function.Function<
          io.javalin.http.Context, java.util.function.Predicate<Change>>
      scopeOf;
  private final View view;
  private final java.util.function.Predicate<io.javalin.http.Context> stillAllowed;

  /**
   * What a caller is shown of a change. Callers whose {@link #of} views are equal see every change
   * alike, so a change is rendered once for each view, not once for each client.
   */
  public interface View {
    /** The view {@code ctx}'s caller gets (a value with equals and hashCode). */
    Object of(Context ctx);

    /** The change's JSON as {@code view} shows it. */
    com.fasterxml.jackson.databind.JsonNode render(Object view, Change change);
  }

  /** The most changes written to a client before one flush. */
  private static final int BATCH = 256;

  /**
   * Routes over the live feed and the history it resumes from. {@code stillAllowed} is asked once a
   * heartbeat period whether the caller may still read (a session not logged out nor expired; the
   * asking counts as the session's use, so an open page keeps it alive); a stream whose caller may
   * not is closed.
   */
  public StreamRoutes(
      ChangeFeed feed,
      ChangeHistory history,
      Duration heartbeat,
      java.util.function.Function<io.javalin.http.Context, java.util.function.Predicate<Change>>
          scopeOf,
      View view,
      java.util.function.Predicate<io.javalin.http.Context> stillAllowed) {
    this.view = view;
    this.stillAllowed = stillAllowed;
    this.feed = feed;
    this.history = history;
    this.heartbeat = heartbeat;
    this.scopeOf = scopeOf;
  }

  /**
   * Adds the route. Javalin's own SSE route streams only to a request whose {@code Accept} names
   * {@code text/event-stream} and answers any other an empty 200; this one streams whatever the
   * request accepts ({@code curl -N} sends {@code *}{@code /*}), as SSE clients and people expect.
   */
  public void register(RoutesConfig routes) {
    routes.get("/v1/stream", this::streamWhateverIsAccepted);
  }

  private void streamWhateverIsAccepted(Context ctx) {
    // A client with no Last-Event-ID gets every change after the 200: the position is taken
    // before the headers go out, and the changes committed until the subscription is live are
    // replayed from it.
    long position = history.lastSeq();
    // What Javalin's SseHandler does once it has accepted the request.
    HttpServletResponse response = ctx.res();
    response.setStatus(200);
    response.setCharacterEncoding("UTF-8");
    response.setContentType("text/event-stream");
    response.addHeader("Connection", "close");
    response.addHeader("Cache-Control", "no-cache");
    response.addHeader("X-Accel-Buffering", "no");
    try {
      response.flushBuffer();
    } catch (IOException clientGone) {
      return;
    }
    ctx.async(config -> config.timeout = 0, () -> serve(new SseClient(ctx), position));
  }

  private void serve(SseClient client, long position) {
    var ctx = client.ctx();
    StreamFilter filter =
        new StreamFilter(
            Params.text(ctx, "tenant"),
            Params.text(ctx, "extension"),
            Params.text(ctx, "queue"),
            scopeOf.apply(ctx));
    Optional<Long> lastEventId =
        Optional.ofNullable(ctx.header("Last-Event-ID"))
            .or(() -> Params.text(ctx, "last_event_id"))
            .map(StreamRoutes::sequence);
    try (ChangeFeed.Subscription subscription = feed.subscribe(filter)) {
      long sent = lastEventId.orElse(position);
      if (lastEventId.isPresent() || history.lastSeq() > position) {
        long[] highest = {sent};
        ChangeHistory.Outcome outcome =
            history.replay(
                sent,
                change -> {
                  if (client.terminated()) {
                    return false;
                  }
                  if (filter.test(change)) {
                    send(client, change);
                  }
                  highest[0] = Math.max(highest[0], change.seq());
                  return !client.terminated();
                });
        switch (outcome) {
          case TOO_FAR_BEHIND -> {
            client.sendEvent(
                "resync", "{\"reason\":\"too far behind: reload, then reconnect\"}", null);
            return;
          }
          case CUT -> {
            client.sendEvent(
                "resync",
                "{\"reason\":\"replay cut: what you missed is too much to replay; reload, then"
                    + " reconnect\"}",
                null);
            return;
          }
          case ABANDONED -> {
            log.debug("a stream client left during its replay; the replay stopped");
            return;
          }
          case COMPLETE -> sent = highest[0];
        }
      }
      if (client.terminated()) {
        log.debug("a stream client left before it was live");
        return;
      }
      client.sendComment("connected");
      Object seenAs = view.of(ctx);
      List<ChangeFeed.Delivery> batch = new ArrayList<>(BATCH);
      long checkedAt = System.nanoTime();
      while (!client.terminated()) {
        if (System.nanoTime() - checkedAt >= heartbeat.toNanos()) {
          if (!stillAllowed.test(ctx)) {
            log.debug("a stream's session ended: the stream is closed");
            return;
          }
          checkedAt = System.nanoTime();
        }
        ChangeFeed.Delivery next = subscription.poll(heartbeat.toMillis());
        if (client.terminated()) {
          break;
        }
        if (subscription.overflowed()) {
          client.sendEvent(
              "resync",
              "{\"reason\":\"client fell behind: reload, then reconnect with Last-Event-ID\"}",
              null);
          return;
        }
        if (next == null) {
          client.sendComment("heartbeat");
          continue;
        }
        // What else is already waiting goes out with it, in one write and one flush.
        batch.clear();
        batch.add(next);
        subscription.drainTo(batch, BATCH - 1);
        StringBuilder text = new StringBuilder();
        for (ChangeFeed.Delivery delivery : batch) {
          Change change = delivery.change();
          if (change.seq() > sent) {
            appendEvent(
                text,
                change.kind().eventName(),
                delivery.rendered(seenAs, c -> JsonMappers.text(view.render(seenAs, c))),
                change.seq());
          }
        }
        if (!text.isEmpty() && !write(ctx.res(), text)) {
          log.debug("a stream client left while changes were written");
          return;
        }
      }
      log.debug("a stream client left");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException connectionGone) {
      // The client went away or the server is stopping: nothing more to send.
      log.debug("a stream ended: {}", connectionGone.toString());
    }
  }

  /** Refuses a malformed {@code Last-Event-ID} before the stream's headers are sent. */
  public static void validateResume(io.javalin.http.Context ctx) {
    Optional.ofNullable(ctx.header("Last-Event-ID"))
        .or(() -> Optional.ofNullable(ctx.queryParam("last_event_id")))
        .ifPresent(StreamRoutes::sequence);
  }

  private void send(SseClient client, Change change) {
    client.sendEvent(
        change.kind().eventName(),
        JsonMappers.text(view.render(view.of(client.ctx()), change)),
        Long.toString(change.seq()));
  }

  /** One SSE event, as Javalin's {@code SseClient} writes it: id, event, then the data lines. */
  private static void appendEvent(StringBuilder text, String event, String data, long id) {
    text.append("id: ").append(id).append('\n');
    text.append("event: ").append(event).append('\n');
    for (String line : data.split("\n", -1)) {
      text.append("data: ").append(line).append('\n');
    }
    text.append('\n');
  }

  /** Writes and flushes {@code text}; false when the client has gone. */
  private static boolean write(HttpServletResponse response, CharSequence text) {
    try {
      response.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
      response.flushBuffer();
      return true;
    } catch (IOException gone) {
      return false;
    }
  }

  private static long sequence(String text) {
    try {
      long seq = Long.parseLong(text.strip());
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException notANumber) {
      throw ApiException.badRequest("Last-Event-ID must be a log sequence number");
    }
  }
}
