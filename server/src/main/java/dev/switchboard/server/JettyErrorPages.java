package dev.switchboard.server;

import dev.switchboard.server.logging.LogRedaction;
import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself, before any route runs (a request line, header or path it will not
 * parse, headers too large, an ambiguous path), in the server's own JSON error body instead of
 * Jetty's HTML page, which quotes the request path and with it any token or key the path holds. The
 * message is Jetty's reason, masked ({@link LogRedaction}), printable and short. Stateless and
 * thread-safe.
 */
public final class JettyErrorPages extends ErrorHandler {
  private static final int LONGEST_REASON = 80;

  private final BiFunction<Integer, String, String> body;

  /** Error pages whose body is {@code body.apply(status, message)}, a JSON text. */
  public JettyErrorPages(BiFunction<Integer, String, String> body) {
    this.body = body;
  }

  /** Puts error pages of {@code body} on {@code config}'s server and servlet context. */
  public static void install(JavalinConfig config, BiFunction<Integer, String, String> body) {
    JettyErrorPages pages = new JettyErrorPages(body);
    config.jetty.modifyServer(server -> server.setErrorHandler(pages));
    config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(pages));
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, page(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return page(status, reason);
  }

  private ByteBuffer page(int status, String reason) {
    return ByteBuffer.wrap(
        body.apply(status, message(status, reason)).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code bad request: Illegal character CNTL=0x0}, the reason masked and cut short. */
  static String message(int status, String reason) {
    String what = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
    if (reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(what)) {
      return what + ": " + shown(reason);
    }
    if (status == HttpStatus.BAD_REQUEST_400) {
      return what + ": the request line, the path or a header could not be parsed";
    }
    return what;
  }

  private static String shown(String text) {
    String masked = LogRedaction.redact(text);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < masked.length() && out.length() < LONGEST_REASON; i++) {
      char c = masked.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return masked.length() > LONGEST_REASON ? out + "..." : out.toString();
  }
}
