package dev.switchboard.pbx.routing;

import dev.switchboard.pbx.config.RoutingSetup;
import dev.switchboard.pbx.config.TenantSetup;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a tenant's CRM where to send an inbound call: {@code GET
 * {CRM_URL}/api/callcenter/route?phone=...}, answered with the extension as text/plain, or an empty
 * body for "the queue as usual". Any other answer (an error status, a body that is no extension, no
 * answer within the tenant's {@code routing.timeout}, an unreachable CRM) also means the queue; so
 * does a tenant without routing or without a CRM URL. Whether the named phone is free is the
 * engine's to decide when the call enters it. The CRM URL may carry a token: it never reaches a log
 * line. Thread-safe: the client is made once, under the instance's lock.
 */
public final class StickyRouting {
  private static final Logger log = LoggerFactory.getLogger(StickyRouting.class);
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
  private static final String PATH = "/api/callcenter/route";

  private HttpClient http;

  /** Routing questions sent with {@code http}. */
  public StickyRouting(HttpClient http) {
    this.http = http;
  }

  /** Routing questions sent with a client of its own, made when the first question is asked. */
  public StickyRouting() {
    this(null);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(RoutingSetup.LONGEST_TIMEOUT).build();
    }
    return http;
  }

  /** Whether calls of {@code tenant} are routed by asking its CRM. */
  public static boolean isOn(TenantSetup tenant) {
    return tenant.routing().enabled() && tenant.crmUrl().isPresent();
  }

  /**
   * The extension the CRM names for a call from {@code phone}; empty for the queue. Completes
   * within the tenant's timeout (plus scheduling), never exceptionally.
   */
  public CompletableFuture<Optional<String>> ask(TenantSetup tenant, String phone) {
    if (!isOn(tenant)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Duration timeout = tenant.routing().timeout();
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(question(tenant.crmUrl().get(), phone))
              .timeout(timeout)
              .header("Accept", "text/plain")
              .GET()
              .build();
    } catch (IllegalArgumentException badUrl) {
      log.warn("tenant {}: the CRM URL cannot carry a routing question", tenant.domain());
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<HttpResponse<String>> sent =
        http().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return sent.thenApply(reply -> extensionIn(tenant, reply))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            failure -> {
              sent.cancel(true); // a slow reply is no longer wanted
              log.warn(
                  "tenant {}: no routing answer from the CRM ({}); the call goes to the queue",
                  tenant.domain(),
                  reason(failure, timeout));
              return Optional.empty();
            });
  }

  private static Optional<String> extensionIn(TenantSetup tenant, HttpResponse<String> reply) {
    if (reply.statusCode() != 200) {
      log.warn(
          "tenant {}: the CRM answered the routing question with HTTP {}; the call goes to the"
              + " queue",
          tenant.domain(),
          reply.statusCode());
      return Optional.empty();
    }
    String body = reply.body().strip();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    if (!EXTENSION.matcher(body).matches()) {
      log.warn(
          "tenant {}: the CRM's routing answer is not an extension (2-8 digits); the call goes"
              + " to the queue",
          tenant.domain());
      return Optional.empty();
    }
    return Optional.of(body);
  }

  /** {@code {CRM_URL}/api/callcenter/route?phone=...}, the CRM URL's path prefix kept. */
  static URI question(String crmUrl, String phone) {
    String base = crmUrl.endsWith("/") ? crmUrl.substring(0, crmUrl.length() - 1) : crmUrl;
    return URI.create(base + PATH + "?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
  }

  private static String reason(Throwable failure, Duration timeout) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
      return "none within " + timeout.toMillis() + " ms";
    }
    return cause.getClass().getSimpleName();
  }
}
