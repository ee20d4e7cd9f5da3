package dev.switchboard.pbx.api;

import dev.switchboard.protocol.api.PbxReply;
import dev.switchboard.server.JettyErrorPages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the emulator's HTTP failures become replies, for the PBX API, the control API
 * and recordings alike: routes throw, {@link #install} maps. A client's mistake is never a 500
 * ({@link Refusal} says which failures are the client's and with what status); what Jetty refuses
 * before any route runs gets the same body ({@link JettyErrorPages}). The body is always {@code
 * {"result":null,"message":"..."}}. Neither replies nor log lines carry the key: messages are
 * masked, and log lines name the route's pattern, never the request path. Stateless and
 * thread-safe.
 */
public final class ErrorReplies {
  private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

  /**
   * A {@code %} not followed by two hex digits ({@code %u0041}, {@code %zz}, a trailing {@code %}).
   */
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private ErrorReplies() {}

  /** Maps every failure of {@code config}'s routes, and Jetty's own refusals, to the error body. */
  public static void install(JavalinConfig config) {
    // Before any route: Javalin decodes path parameters before the handler runs, and throws on
    // an escape it cannot decode.
    config.routes.before(ErrorReplies::refuseMalformedEscapes);
    long largest = config.http.maxRequestSize;
    config.routes.before(ctx -> refuseDeclaredOversize(ctx, largest));
    config.routes.exception(Exception.class, ErrorReplies::answer);
    // Javalin has its own (plain text) handler for these: replaced, or it would be the nearer one.
    config.routes.exception(HttpResponseException.class, ErrorReplies::answer);
    JettyErrorPages.install(config, (status, message) -> PbxReply.error(message));
  }

  /** Answers {@code status} with the error body. */
  public static void send(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json").result(PbxReply.error(message));
  }

  private static void refuseMalformedEscapes(Context ctx) {
    String path = ctx.req().getRequestURI();
    Matcher bad = BAD_ESCAPE.matcher(path == null ? "" : path);
    if (bad.find()) {
      String escape = path.substring(bad.start(), Math.min(path.length(), bad.start() + 6));
      throw ApiFailure.badRequest(
          "the path has a malformed percent-escape ('"
              + Refusal.shown(escape)
              + "'): a % must be followed by two hex digits");
    }
  }

  /** A body declared larger than the limit is refused before a byte of it is read. */
  private static void refuseDeclaredOversize(Context ctx, long largest) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > largest) {
      throw ApiFailure.tooLarge(
          "the body is " + declared + " bytes; the emulator takes at most " + largest);
    }
  }

  private static void answer(Exception failure, Context ctx) {
    Optional<Refusal> refusal = Refusal.of(failure);
    if (refusal.isPresent()) {
      send(ctx, refusal.get().status(), refusal.get().message());
      return;
    }
    log.error("{} {} failed", ctx.method(), route(ctx), failure);
    try {
      send(ctx, 500, "internal error; see the emulator's log");
    } catch (RuntimeException requestGone) {
      log.debug("request ended before its error could be sent", requestGone);
    }
  }

  /** The route's pattern (never the path, which for click-to-call holds the key). */
  private static String route(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
      return endpoint == null ? "(no route)" : endpoint.path;
    } catch (RuntimeException noEndpoint) {
      return "(no route)";
    }
  }
}
