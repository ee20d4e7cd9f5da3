package dev.switchboard.pbx.api;

import dev.switchboard.pbx.engine.EngineException;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.PbxReply;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the emulator's HTTP failures become replies: every route's handler is wrapped
 * by {@link #guard}, so the routes work whatever exception handlers the server has. A client's
 * mistake is never a 500: bad input ({@link ProtocolException}) and requests the engine refuses
 * ({@link EngineException}) are 400, an {@link ApiFailure} carries its own status. The body is
 * always {@code {"result":null,"message":"..."}}. Log lines name the route's pattern, never the
 * request path, which for click-to-call holds the key. Stateless and thread-safe.
 */
public final class ErrorReplies {
  private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

  private ErrorReplies() {}

  /** {@code handler}, answering its failures as described above; {@code route} is for the log. */
  public static Handler guard(String route, Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiFailure failure) {
        send(ctx, failure.status(), failure.getMessage());
      } catch (ProtocolException | EngineException refused) {
        send(ctx, 400, refused.getMessage());
      } catch (HttpResponseException http) {
        send(ctx, http.getStatus(), http.getMessage());
      } catch (Exception unexpected) {
        log.error("{} failed", route, unexpected);
        send(ctx, 500, "internal error; see the emulator's log");
      }
    };
  }

  /** Answers {@code status} with the error body. */
  public static void send(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json").result(PbxReply.error(message));
  }
}
