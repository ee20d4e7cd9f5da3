package dev.switchboard.client;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable stand-in for a PBX, for the replies the emulator never gives (plain text, HTML
 * pages, 5xx, slowness): a real Javalin server on port 0 that answers every GET and POST with what
 * {@link #answer} sets, after an optional delay, and keeps every request it got.
 */
final class FakePbx implements AutoCloseable {
  /** A request as the fake got it. */
  record Request(String method, String path, String contentType, String body) {}

  /** What the fake answers. */
  record Answer(int status, String contentType, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, "application/json", body);
    }

    static Answer text(int status, String body) {
      return new Answer(status, "text/plain; charset=utf-8", body);
    }

    static Answer html(int status, String body) {
      return new Answer(status, "text/html; charset=utf-8", body);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Javalin server;
  private volatile Function<Request, Answer> answers = request -> Answer.text(200, "Success");
  private volatile Duration delay = Duration.ZERO;

  FakePbx() {
    server =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/<path>", this::reply);
                  config.routes.post("/<path>", this::reply);
                })
            .start("127.0.0.1", 0);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Answers every request with {@code answer}. */
  FakePbx answer(Answer answer) {
    return answer(request -> answer);
  }

  /** Answers each request with what {@code script} makes of it. */
  FakePbx answer(Function<Request, Answer> script) {
    this.answers = script;
    return this;
  }

  /** Answers only after {@code wait} (or when the fake closes). */
  FakePbx delay(Duration wait) {
    this.delay = wait;
    return this;
  }

  private void reply(Context ctx) throws InterruptedException {
    Request request = new Request(ctx.method().name(), ctx.path(), ctx.contentType(), ctx.body());
    requests.add(request);
    if (!delay.isZero()) {
      closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    Answer answer = answers.apply(request);
    ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop();
  }
}
