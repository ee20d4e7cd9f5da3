package dev.switchboard.pbx.dispatch;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.WebhookRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook over HTTP/1.1 and says how it went, in words that never contain the CRM's URL
 * (its path may carry a secret token). Only HTTP 200 is success; a 4xx other than 408, 425 and 429
 * is the CRM refusing that webhook; anything else is a failure worth retrying. Redirects are not
 * followed. The connect timeout bounds the connection, the read timeout the whole reply. Requests
 * carry the headers a real PBX sends (curl's): <code>Accept: &#42;/&#42;</code>, a curl {@code
 * User-Agent}, and on a GET, which has no body, {@code Content-Type:
 * application/x-www-form-urlencoded}. Thread-safe.
 */
final class CrmSender implements AutoCloseable {
  private static final int BODY_SHOWN = 200;

  /** The User-Agent of a real PBX's webhooks: it sends them with curl. */
  static final String USER_AGENT = WebhookRequest.USER_AGENT;

  /** What became of one attempt. */
  sealed interface Outcome {}

  /**
   * HTTP 200; {@code seedReply} tells whether the body was the seeds' {@code "status code":200}.
   */
  record Delivered(boolean seedReply, String body) implements Outcome {}

  /**
   * A 4xx other than 408, 425 and 429: the CRM does not take this webhook (e.g. a path it does not
   * implement), and asking again the same way will not change that.
   */
  record Refused(int status) implements Outcome {
    /** For logs and dead letters. */
    String reason() {
      return "HTTP " + status + " (refused)";
    }
  }

  /** Anything else: another status, no connection, a timeout. */
  record Failed(String reason) implements Outcome {}

  /** Whether a reply with this status means the CRM refuses the webhook (see {@link Refused}). */
  static boolean refuses(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
  }

  /** The seeds' OK reply, byte for byte. */
  private static final String SEED_REPLY = CrmReply.OK.toJson();

  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  CrmSender(DispatchSettings settings) {
    this.connectTimeout = settings.connectTimeout();
    this.readTimeout = settings.readTimeout();
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The URI a webhook goes to: the base URL (without a trailing slash) followed by the path and
   * query for GET, by the path alone for POST JSON.
   *
   * @throws IllegalArgumentException when the result is not a valid URI
   */
  static URI target(Destination destination, String path, String pathAndQuery) {
    String base = destination.crmBaseUrl();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String rest = destination.method() == Destination.Method.GET ? pathAndQuery : path;
    try {
      return URI.create(base + rest);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException("webhook " + path + " does not make a valid URL");
    }
  }

  /**
   * Makes one attempt.
   *
   * @throws InterruptedException when the dispatcher is closing; the attempt counts for nothing
   */
  Outcome send(OutboxEntry entry) throws InterruptedException {
    URI uri = target(entry.destination(), entry.path(), entry.pathAndQuery());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout);
    boolean json = entry.destination().method() == Destination.Method.POST_JSON;
    (json ? WebhookRequest.JSON_HEADERS : WebhookRequest.GET_HEADERS).forEach(request::header);
    if (json) {
      request.POST(HttpRequest.BodyPublishers.ofString(entry.jsonBody()));
    } else {
      request.GET();
    }
    CompletableFuture<HttpResponse<String>> reply =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      // The request timeout stops at the reply's headers; this bounds the body too.
      HttpResponse<String> response =
          reply.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
      if (refuses(response.statusCode())) {
        return new Refused(response.statusCode());
      }
      if (response.statusCode() != 200) {
        return new Failed("HTTP " + response.statusCode());
      }
      return new Delivered(isSeedReply(response.body()), shorten(response.body()));
    } catch (TimeoutException slow) {
      reply.cancel(true);
      return new Failed("no reply within " + readTimeout);
    } catch (InterruptedException closing) {
      reply.cancel(true);
      throw closing;
    } catch (ExecutionException failed) {
      return new Failed(describe(failed.getCause()));
    }
  }

  private static boolean isSeedReply(String body) {
    if (SEED_REPLY.equals(body)) {
      return true; // what nearly every reply is, without parsing it
    }
    try {
      return CrmReply.parse(body).isOk();
    } catch (ProtocolException notSeedShaped) {
      return false;
    }
  }

  private String describe(Throwable failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection within " + connectTimeout;
    }
    if (failure instanceof HttpTimeoutException) {
      return "no reply within " + readTimeout;
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof IOException && failure.getMessage() != null) {
      return failure.getClass().getSimpleName() + ": " + shorten(failure.getMessage());
    }
    return failure.getClass().getSimpleName();
  }

  static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= BODY_SHOWN ? text : text.substring(0, BODY_SHOWN) + "...";
  }

  /** Aborts what is still being sent. */
  @Override
  public void close() {
    client.shutdownNow();
  }
}
