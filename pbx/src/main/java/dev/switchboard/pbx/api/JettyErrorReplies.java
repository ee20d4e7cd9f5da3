package dev.switchboard.pbx.api;

import dev.switchboard.protocol.api.PbxReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself (a request line, header or path it will not parse, headers too
 * large, an ambiguous path) in the emulator's error body, {@code {"result":null,"message":"..."}},
 * instead of its HTML page, which quotes the request path and with it the click-to-call key.
 * Stateless and thread-safe.
 */
final class JettyErrorReplies extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, body(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return body(status, reason);
  }

  private static ByteBuffer body(int status, String reason) {
    String what = HttpStatus.getMessage(status).toLowerCase(java.util.Locale.ROOT);
    String message;
    if (reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(what)) {
      message = what + ": " + Refusal.shown(reason);
    } else if (status == HttpStatus.BAD_REQUEST_400) {
      message = what + ": the request line, the path or a header could not be parsed";
    } else {
      message = what;
    }
    return ByteBuffer.wrap(PbxReply.error(message).getBytes(StandardCharsets.UTF_8));
  }
}
