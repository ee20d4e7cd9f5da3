package dev.switchboard.hub.intake;

import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.ClientMistakes;
import dev.switchboard.hub.http.UnicodeText;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.RawField;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The five webhook paths, by GET query, POST form and POST JSON: under {@code /hooks/{token}} for
 * each tenant, and bare ({@code /api/callcenter/...}) for the default tenant where allowed. Replies
 * are the documents' own: {@code {"status code":200,"message":"OK"}} once the event is durably
 * committed, otherwise the error shape with a message naming the problem: HTTP 404 for bad input, a
 * wrong token or source (as the documents list), 413 too large, 429 over the rate limit, 503 when
 * it could not be stored (the sender should retry).
 *
 * <p>Any other path under {@code /api/} is the PBX's too: it is kept raw in the log ({@code
 * unknown_path}, never folded), counted and acknowledged OK. The routing question ({@code
 * /api/callcenter/route}) is authenticated the same way and answered by {@link RouteQuestions}.
 */
public final class WebhookRoutes {
  /**
   * How long a webhook may wait for its commit before it is withdrawn from the writer's queue and
   * answered 503 (not stored), counted from its receipt, tenant look-up included.
   */
  static final Duration WITHDRAW_AFTER = Duration.ofSeconds(4);

  /**
   * The longest a webhook is answered after: one whose commit was under way at {@link
   * #WITHDRAW_AFTER} is waited for until then, and answered 503 "may be stored" if the database has
   * not confirmed it by then. Well under a PBX's own timeout (the emulator's is 10 s), so the PBX
   * hears a 503 and retries rather than timing out not knowing.
   */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  /** The routing question's path, under the same base URL as the webhooks. */
  static final String ROUTE_PATH = "/api/callcenter/route";

  private static final Pattern UNDER_API = Pattern.compile("(^|/)api/");

  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  /**
   * Answers the PBX's routing question ({@code {CRM_URL}/api/callcenter/route?phone=}) for a tenant
   * whose token and source were checked, and replies itself.
   */
  public interface RouteQuestions {
    /** Answers the question carried in {@code raw} ({@code format}) on {@code path}. */
    void answer(
        Context ctx, Tenant tenant, String path, RawFormat format, String raw, Instant receivedAt);
  }

  private final TenantStore tenants;
  private final EventWriter writer;
  private final RateLimits rateLimits;
  private final SourceNetworks bareSources;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Timer latency;
  private final long maxRequestBytes;
  private final RouteQuestions routeQuestions;
  private final Counter unknownPaths;

  /** Routes storing through {@code writer}. */
  public WebhookRoutes(
      TenantStore tenants,
      EventWriter writer,
      RateLimits rateLimits,
      SourceNetworks bareSources,
      Clock clock,
      MeterRegistry metrics,
      long maxRequestBytes,
      RouteQuestions routeQuestions) {
    this.maxRequestBytes = maxRequestBytes;
    this.routeQuestions = routeQuestions;
    this.unknownPaths =
        Counter.builder("switchboard.events.unknown_path")
            .description("Requests under /api/ on a path that is no known webhook, kept raw")
            .register(metrics);
    this.tenants = tenants;
    this.writer = writer;
    this.rateLimits = rateLimits;
    this.bareSources = bareSources;
    this.clock = clock;
    this.metrics = metrics;
    this.latency =
        Timer.builder("switchboard.intake.latency")
            .description("Time from receiving a webhook to replying, commit included")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    // HEAD is answered as GET is (the same checks, the same status, no body) and never stores.
    for (HandlerType method :
        new HandlerType[] {HandlerType.GET, HandlerType.HEAD, HandlerType.POST}) {
      routes.addHttpHandler(method, "/hooks/{token}/<path>", this::tokenWebhook);
      routes.addHttpHandler(method, "/api/<path>", this::bareWebhook);
    }
  }

  private void tokenWebhook(Context ctx) {
    timed(
        ctx,
        received -> {
          Optional<Tenant> tenant = tenants.findByToken(ctx.pathParam("token"));
          if (tenant.isEmpty()) {
            reject(ctx, 404, "unauthorized", "unknown webhook token");
            return;
          }
          accept(ctx, tenant.get(), "/" + ctx.pathParam("path"), received);
        });
  }

  private void bareWebhook(Context ctx) {
    timed(
        ctx,
        received -> {
          if (!bareSources.allows(ctx.ip())) {
            reject(
                ctx,
                404,
                "forbidden_source",
                "bare webhook paths are served to "
                    + bareSources
                    + " only; use the tenant's /hooks/{token} URL");
            return;
          }
          Optional<Tenant> tenant = tenants.find(Tenant.DEFAULT_ID);
          if (tenant.isEmpty()) {
            reject(ctx, 404, "unauthorized", "there is no default tenant");
            return;
          }
          accept(ctx, tenant.get(), "/api/" + ctx.pathParam("path"), received);
        });
  }

  /**
   * Runs {@code handler} with the request's receipt time ({@link System#nanoTime}), timing it; a
   * database out of reach on the way (the tenant look-up) is answered 503.
   */
  private void timed(Context ctx, LongConsumer handler) {
    long received = System.nanoTime();
    try {
      handler.accept(received);
    } catch (RuntimeException failed) {
      if (!Database.isConnectionFailure(failed)) {
        throw failed;
      }
      reject(ctx, 503, "database_unavailable", "the database is unavailable; retry later");
    } finally {
      latency.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
    }
  }

  private void accept(Context ctx, Tenant tenant, String path, long received) {
    if (!tenant.allowedNetworks().allows(ctx.ip())) {
      reject(
          ctx,
          404,
          "forbidden_source",
          "source address " + ctx.ip() + " is not allowed for this tenant");
      return;
    }
    String trimmed = TRAILING_SLASHES.matcher(path.toLowerCase(Locale.ROOT)).replaceAll("");
    Optional<WebhookPath> webhook =
        WebhookPath.fromRequestPath(path)
            .filter(known -> trimmed.endsWith(known.path().toLowerCase(Locale.ROOT)));
    boolean routeQuestion = trimmed.endsWith(ROUTE_PATH);
    // Under /api/ every request is the PBX's: an unknown one is kept raw and acknowledged.
    if (webhook.isEmpty() && !routeQuestion && !UNDER_API.matcher(trimmed).find()) {
      reject(ctx, 404, "unknown_path", "path " + path + " is not a VoiceCloud webhook");
      return;
    }
    Optional<Duration> overLimit = rateLimits.take(tenant.id());
    if (overLimit.isPresent()) {
      // Whole seconds, rounded up: what Retry-After allows, and never "retry at once".
      long retryAfter = Math.max(1, (overLimit.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(retryAfter));
      reject(
          ctx,
          429,
          "rate_limited",
          "tenant "
              + tenant.id()
              + " is over its rate limit of "
              + rateLimits.perSecond()
              + " webhooks a second (bursts of "
              + rateLimits.burst()
              + "); retry after "
              + retryAfter
              + " s. The hub's operator raises it with intake.rate_per_second"
              + " (SWITCHBOARD_RATE_PER_SECOND) and intake.rate_burst (SWITCHBOARD_RATE_BURST)");
      return;
    }
    Carried carried;
    try {
      carried = carried(ctx);
    } catch (Exception unreadable) { // Jetty's read failures are IOExceptions, thrown unchecked
      if (unreadable instanceof HttpResponseException tooLarge) {
        reject(
            ctx,
            tooLarge.getStatus(),
            "too_large",
            "request body is larger than the " + maxRequestBytes + " bytes allowed");
        return;
      }
      Optional<ApiException> mistake = ClientMistakes.of(unreadable, ctx);
      if (mistake.isEmpty()) {
        throw unreadable;
      }
      reject(ctx, mistake.get().status(), "unreadable", mistake.get().getMessage());
      return;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean head = ctx.method() == HandlerType.HEAD;
    if (routeQuestion) {
      routeQuestions.answer(ctx, tenant, path, carried.format(), carried.raw(), now);
      return;
    }
    if (webhook.isEmpty()) {
      if (head) {
        reply(ctx, 200, CrmReply.OK);
        return;
      }
      unknownPaths.increment();
      commit(
          ctx,
          EventDraft.unknownPath(tenant.id(), now, ctx.ip(), path, carried.format(), carried.raw()),
          received);
      return;
    }
    DecodedWebhook decoded;
    try {
      WebhookParser parser = new WebhookParser(tenant.zone());
      decoded = carried.format().parse(parser, webhook.get(), carried.raw());
    } catch (ProtocolException invalid) {
      reject(ctx, 404, "invalid", invalid.getMessage());
      return;
    }
    try {
      for (RawField field : decoded.raw().fields()) {
        UnicodeText.require("", field.name());
        UnicodeText.require(field.name(), field.value());
      }
    } catch (ApiException brokenText) {
      reject(ctx, brokenText.status(), "invalid_text", brokenText.getMessage());
      return;
    }
    if (head) {
      reply(ctx, 200, CrmReply.OK); // what a GET would get; nothing is stored for a HEAD
      return;
    }
    commit(
        ctx,
        EventDraft.webhook(
            tenant.id(),
            now,
            Source.WEBHOOK,
            ctx.ip(),
            decoded.event(),
            webhook.get(),
            carried.format(),
            carried.raw()),
        received);
  }

  /**
   * Queues {@code draft} and replies OK once it is committed, or 503 once it is known not to be
   * (withdrawn unwritten after {@link #WITHDRAW_AFTER}, or refused by a database out of reach), or
   * 503 "may be stored" when the database went away during its own commit.
   */
  private void commit(Context ctx, EventDraft draft, long received) {
    try {
      Appended appended =
          writer.store(
              draft, received + WITHDRAW_AFTER.toNanos(), received + ANSWER_WITHIN.toNanos());
      String outcome = appended.duplicate() ? "duplicate" : "stored";
      Counter.builder("switchboard.events.accepted")
          .tag("type", draft.type())
          .tag("outcome", outcome)
          .register(metrics)
          .increment();
      reply(ctx, 200, CrmReply.OK);
    } catch (OverloadedException overloaded) {
      reject(ctx, 503, "overloaded", overloaded.getMessage());
    } catch (NotStoredException notStored) {
      reject(ctx, 503, notStored.inDoubt() ? "in_doubt" : "not_stored", notStored.getMessage());
    }
  }

  /** The raw text and how it is carried: a JSON or form body on POST, else the query string. */
  private record Carried(RawFormat format, String raw) {}

  private static Carried carried(Context ctx) {
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    if (ctx.method() != HandlerType.POST) {
      return new Carried(RawFormat.QUERY, query);
    }
    String body = ctx.body();
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (body.isBlank()) {
      return new Carried(RawFormat.QUERY, query);
    }
    if (type.contains("json") || (!type.contains("form") && body.stripLeading().startsWith("{"))) {
      return new Carried(RawFormat.JSON, body);
    }
    return new Carried(RawFormat.FORM, body);
  }

  private void reject(Context ctx, int status, String reason, String message) {
    Counter.builder("switchboard.events.rejected")
        .tag("reason", reason)
        .register(metrics)
        .increment();
    reply(ctx, status, new CrmReply(status, message));
  }

  private static void reply(Context ctx, int status, CrmReply reply) {
    ctx.status(status).contentType("application/json").result(reply.toJson());
  }
}
