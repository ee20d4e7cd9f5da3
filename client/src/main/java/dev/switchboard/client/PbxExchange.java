package dev.switchboard.client;

import dev.switchboard.protocol.api.PbxRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to the PBX and maps what comes back, in one place: a 2xx reply is returned for
 * the call to read; 401 and 403 are {@link PbxRejectedKeyException}; 5xx, 408 and 429, a failed
 * connection and a timeout are {@link UnableToReachPbxException}; any other status is {@link
 * PbxRefusedException} with the PBX's message. The request's URL, which for click-to-call holds the
 * key, is never logged nor put in a message: only the base URL is. Thread-safe (the {@link
 * HttpClient} is).
 */
final class PbxExchange {
  private static final Logger log = LoggerFactory.getLogger(PbxExchange.class);

  private static final String USER_AGENT = "switchboard-client";

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration connectTimeout;

  PbxExchange(HttpClient http, Duration connectTimeout, Duration requestTimeout) {
    this.http = http;
    this.connectTimeout = http.connectTimeout().orElse(connectTimeout);
    this.requestTimeout = requestTimeout;
  }

  /** A 2xx reply from the PBX. */
  record Reply(int status, String body) {}

  /** Sends {@code request} to {@code call}'s PBX; returns its 2xx reply or throws. */
  Reply send(PbxCall call, PbxRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri(call, request))
            .timeout(requestTimeout)
            .header("Accept", "application/json, text/plain;q=0.9, */*;q=0.1")
            .header("User-Agent", USER_AGENT);
    if (request.body().isPresent()) {
      builder
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(request.body().get(), StandardCharsets.UTF_8));
    } else {
      builder.GET();
    }
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException slowConnect) {
      throw logged(
          call,
          call.unreachable("no connection within " + PbxCall.words(connectTimeout), slowConnect));
    } catch (HttpTimeoutException slowAnswer) {
      throw logged(call, call.noAnswer(requestTimeout, slowAnswer));
    } catch (ConnectException refused) {
      throw logged(call, call.unreachable(describe(refused, "connection refused"), refused));
    } catch (IOException broken) {
      throw logged(call, call.unreachable(describe(broken, "the exchange broke off"), broken));
    } catch (InterruptedException interrupted) {
      throw call.interrupted(interrupted);
    }
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    log.debug(
        "{} at {}: HTTP {} in {} ms",
        call.operation(),
        call.redact(call.pbxUrl()),
        status,
        (System.nanoTime() - started) / 1_000_000);
    if (status >= 200 && status < 300) {
      return new Reply(status, body);
    }
    if (status == 401 || status == 403) {
      throw logged(call, call.rejectedKey(status, body));
    }
    if (status >= 500 || status == 408 || status == 429) {
      throw logged(call, call.failedOnItsSide(status, body));
    }
    throw logged(
        call,
        PbxCall.errorMessage(body)
            .map(said -> call.refused(status, said))
            .orElseGet(() -> call.unexpectedReply(status, "no error message in it", body)));
  }

  private static URI uri(PbxCall call, PbxRequest request) {
    try {
      return URI.create(request.url(call.pbxUrl()));
    } catch (IllegalArgumentException notUri) {
      // Not quoted: the URL of a click-to-call holds the key. The parts are percent-encoded and
      // the base URL was checked when the client was built, so this is not expected.
      throw new IllegalArgumentException(
          "the URL for "
              + call.operation()
              + " at "
              + call.redact(call.pbxUrl())
              + " is not valid");
    }
  }

  private static String describe(IOException failure, String otherwise) {
    String message = failure.getMessage();
    return message == null || message.isBlank()
        ? otherwise
        : failure.getClass().getSimpleName() + ": " + message;
  }

  private static <E extends PbxClientException> E logged(PbxCall call, E failure) {
    log.debug(
        "{} at {} failed: {}", call.operation(), call.redact(call.pbxUrl()), failure.getMessage());
    return failure;
  }
}
