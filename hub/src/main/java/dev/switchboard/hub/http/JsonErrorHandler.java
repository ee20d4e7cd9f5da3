package dev.switchboard.hub.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.CrmReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error replies (a request it refuses before any route sees it: a path that is not
 * UTF-8, a header too large) in the hub's shapes instead of Jetty's HTML page: {@code {"status
 * code":N,"message":"..."}} on a webhook path, {@code {"error":"..."}} elsewhere. Stateless;
 * thread-safe.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = JsonMappers.create();

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String path = request.getHttpURI() == null ? "" : request.getHttpURI().getPath();
    byte[] body = body(path, code, message).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString()));
    return ByteBuffer.wrap(body("", status, reason).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(String path, int code, String message) {
    String text = message == null || message.isBlank() ? "the request is malformed" : message;
    if (path != null && (path.startsWith("/hooks/") || path.startsWith("/api/"))) {
      return new CrmReply(code, text).toJson();
    }
    return JsonMappers.text(JSON.createObjectNode().put("error", text));
  }
}
