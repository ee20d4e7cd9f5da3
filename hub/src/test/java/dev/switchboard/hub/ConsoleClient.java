package dev.switchboard.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A console user's browser, as far as the API sees it: keeps the session cookie it is given and
 * sends it back, with the CSRF token and this hub's Origin on state-changing requests.
 */
final class ConsoleClient {
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String cookie;
  String csrf;

  /** When set, every reply is checked against the OpenAPI description. */
  OpenApiReplies spec;

  /** Extra headers sent with every request (the API token, say). */
  Map<String, String> always = Map.of();

  String base() {
    return base;
  }

  ConsoleClient(String base) {
    this.base = base;
  }

  /** A full reply: status, headers, body. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    TestHub.Reply plain() {
      return new TestHub.Reply(status, body);
    }

    com.fasterxml.jackson.databind.JsonNode json() {
      return plain().json();
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /** Logs in; keeps the cookie and CSRF token on success. */
  Reply logIn(String username, String password) {
    Reply reply =
        send(
            "POST",
            "/v1/session",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
            Map.of());
    if (reply.status() == 200) {
      cookie = reply.header("Set-Cookie").orElseThrow().replaceAll("^sb_session=([^;]*);.*$", "$1");
      csrf = reply.json().path("csrf_token").asText();
    }
    return reply;
  }

  Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  /** A state-changing request with the cookie, the CSRF token and this hub's Origin. */
  Reply change(String method, String path, String json) {
    return send(method, path, json, Map.of("X-CSRF-Token", csrf, "Origin", base));
  }

  Reply send(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      request.header("Cookie", "sb_session=" + cookie);
    }
    always.forEach(request::header);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (spec != null) {
        spec.check(
            method,
            path,
            response.statusCode(),
            response.headers().firstValue("Content-Type"),
            response.body());
      }
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (java.io.IOException failed) {
      throw new java.io.UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }
}
