package dev.switchboard.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.access.Scopes;
import dev.switchboard.hub.actions.ActionRoutes;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentRoutes;
import dev.switchboard.hub.calls.CallFilter;
import dev.switchboard.hub.calls.CallRoutes;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.calls.CallView;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.contacts.ContactImports;
import dev.switchboard.hub.contacts.ContactRoutes;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.ClientMistakes;
import dev.switchboard.hub.http.JsonErrorHandler;
import dev.switchboard.hub.http.RequestPaths;
import dev.switchboard.hub.intake.ChangeReplay;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.intake.RateLimits;
import dev.switchboard.hub.intake.WebhookRoutes;
import dev.switchboard.hub.recordings.RecordingRoutes;
import dev.switchboard.hub.reports.Reporting;
import dev.switchboard.hub.sessions.Authentication;
import dev.switchboard.hub.sessions.SessionRoutes;
import dev.switchboard.hub.settings.TenantSettingsRoutes;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.hub.stream.StreamRoutes;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.UserRoutes;
import dev.switchboard.hub.users.UserStore;
import dev.switchboard.hub.wallboard.ScreenPopRoutes;
import dev.switchboard.hub.wallboard.WallboardRoutes;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.server.HttpServerDefaults;
import dev.switchboard.server.logging.LogRedaction;
import dev.switchboard.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP server: Javalin on Jetty with virtual threads. Routes come from each feature;
 * errors are mapped to JSON here and only here; {@code /v1/*} needs the API token.
 */
final class HubServer {
  /** A run of URL-safe characters long enough to be a token (a webhook token is 43). */
  private static final java.util.regex.Pattern TOKEN_LIKE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{20,}");

  private static final Logger log = LoggerFactory.getLogger(HubServer.class);
  private static final ObjectMapper JSON = JsonMappers.create();

  /** The feature stores and services the routes use. */
  record Features(
      TenantStore tenants,
      EventWriter writer,
      RateLimits rateLimits,
      EventLog eventLog,
      CallStore calls,
      AgentBoard agents,
      ContactStore contacts,
      ChangeFeed feed,
      ChangeReplay replay,
      ActionRoutes actions,
      WebhookRoutes.RouteQuestions routeQuestions,
      Authentication authentication,
      SessionRoutes sessions,
      UserRoutes users,
      UserStore userStore,
      Scopes scopes,
      Reporting reporting,
      ContactImports contactImports,
      TenantSettingsRoutes settings,
      dev.switchboard.hub.callbacks.CallbackRoutes callbacks) {}

  /** The console's security headers: scripts from the hub only, no framing, no sniffing. */
  static final Map<String, String> CONSOLE_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
              + " frame-ancestors 'none'; form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "same-origin",
          "X-Frame-Options",
          "DENY",
          "Cache-Control",
          "no-cache");

  /** The security headers of every {@code /v1} reply (a route may set its own caching). */
  static final Map<String, String> API_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "same-origin",
          "X-Frame-Options",
          "DENY",
          "Cache-Control",
          "no-store");

  private HubServer() {}

  private static void apiHeaders(Context ctx) {
    API_HEADERS.forEach(ctx::header);
  }

  static Javalin create(
      HubConfig config,
      Database database,
      PrometheusMeterRegistry metrics,
      Features features,
      Clock clock) {
    String openApi = resource("/openapi.json");
    return Javalin.create(
        javalin -> {
          HttpServerDefaults.apply(javalin);
          javalin.http.maxRequestSize = config.http().maxRequestBytes();
          // Jetty caches header fields per connection and matches the cached values without
          // case: a case variant of the API token sent after the token itself (or the other way
          // round) on one kept-alive connection would be read as the cached one.
          javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
          // What Jetty refuses before any route sees it is answered in the hub's shapes too.
          javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
          javalin.jetty.modifyServletContextHandler(
              context -> context.setErrorHandler(new JsonErrorHandler()));
          javalin.jsonMapper(new JavalinJackson(JSON, false));
          // The console: static pages from the jar, no inline script, no eval.
          javalin.staticFiles.add(
              files -> {
                files.hostedPath = "/console";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
                files.headers = CONSOLE_HEADERS;
              });
          // Browser libraries from WebJars on Maven Central (Chart.js), with the console's headers.
          javalin.staticFiles.enableWebjars();
          var routes = javalin.routes;
          routes.before("/webjars/*", ctx -> CONSOLE_HEADERS.forEach(ctx::header));
          // A path the routes could not decode is refused before any route tries.
          routes.before(ctx -> RequestPaths.check(ctx.path()));
          for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
            routes.addHttpHandler(
                method,
                "/health",
                ctx -> {
                  boolean up = database.isHealthy();
                  ctx.status(up ? 200 : 503)
                      .json(
                          JSON.createObjectNode()
                              .put("status", up ? "ok" : "database unavailable"));
                });
          }
          routes.get(
              "/metrics",
              ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
          routes.get("/", ctx -> ctx.redirect("/console/"));
          routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
          // The API's replies are data, never a page: no sniffing, no framing, no caching.
          routes.before("/v1/*", HubServer::apiHeaders);
          routes.before("/v1/*", features.authentication()::authenticate);
          routes.before("/v1/stream", StreamRoutes::validateResume);
          new WebhookRoutes(
                  features.tenants(),
                  features.writer(),
                  features.rateLimits(),
                  config.intake().bareSeedPaths(),
                  clock,
                  metrics,
                  config.http().maxRequestBytes(),
                  features.routeQuestions())
              .register(routes);
          Scopes scopes = features.scopes();
          new CallRoutes(
                  database.jdbi(),
                  features.calls(),
                  features.eventLog(),
                  ctx -> scopes.calls(Caller.of(ctx)),
                  tenant ->
                      features
                          .tenants()
                          .find(tenant)
                          .map(Tenant::zone)
                          .orElse(WebhookParser.DEFAULT_ZONE),
                  () -> {
                    List<Tenant> all = features.tenants().list();
                    return all.size() == 1 ? Optional.of(all.get(0).id()) : Optional.empty();
                  })
              .register(routes);
          features.users().register(routes);
          new ScreenPopRoutes(
                  database.jdbi(),
                  features.calls(),
                  features.contacts(),
                  ctx -> scopes.calls(Caller.of(ctx)),
                  ctx -> scopes.agents(Caller.of(ctx)))
              .register(routes);
          new WallboardRoutes(
                  database.jdbi(),
                  features.calls(),
                  features.agents(),
                  clock,
                  ctx -> audience(ctx, features, scopes))
              .register(routes);
          new RecordingRoutes(
                  features.calls(), features.tenants(), ctx -> scopes.calls(Caller.of(ctx)))
              .register(routes);
          features.reporting().register(routes);
          features.sessions().register(routes);
          features.actions().register(routes);
          features.callbacks().register(routes);
          new AgentRoutes(
                  features.agents(),
                  id -> features.tenants().find(id).isPresent(),
                  clock,
                  ctx -> scopes.agents(Caller.of(ctx)))
              .register(routes);
          new ContactRoutes(
                  features.contacts(),
                  features.tenants(),
                  (ctx, phone) ->
                      !features
                          .calls()
                          .list(
                              CallFilter.ofPhone(phone),
                              scopes.calls(Caller.of(ctx)),
                              Optional.empty(),
                              1)
                          .calls()
                          .isEmpty(),
                  features.contactImports())
              .register(routes);
          features.settings().register(routes);
          new StreamRoutes(
                  features.feed(),
                  features.replay(),
                  config.stream().heartbeat(),
                  ctx -> scopes.changes(Caller.of(ctx)),
                  new StreamRoutes.View() {
                    @Override
                    public Object of(io.javalin.http.Context ctx) {
                      return !Caller.of(ctx).isApiToken(); // a session's view or a token's
                    }

                    @Override
                    public com.fasterxml.jackson.databind.JsonNode render(
                        Object session, Change change) {
                      return CallView.ofChangeData(
                          change.kind().eventName(), change.data(), (Boolean) session);
                    }
                  },
                  features.authentication()::stillValid)
              .register(routes);
          // Javalin's own messages quote the path ("Endpoint PUT /hooks/TOKEN/... not found"),
          // which may carry a token in any spelling (/%252Fhooks/TOKEN/...): a path's long
          // token-like runs are masked too.
          routes.exception(
              HttpResponseException.class,
              (failure, ctx) ->
                  error(
                      ctx,
                      failure.getStatus(),
                      LogRedaction.redact(
                          TOKEN_LIKE.matcher(failure.getMessage()).replaceAll(LogRedaction.MASK))));
          routes.exception(Exception.class, HubServer::failed);
        });
  }

  /**
   * Who the wallboard is for: the caller's tenant (or {@code ?tenant=} for the token) and scope.
   */
  private static WallboardRoutes.Audience audience(Context ctx, Features features, Scopes scopes) {
    Caller caller = Caller.of(ctx);
    String tenant =
        caller.isApiToken()
            ? dev.switchboard.hub.http.Params.text(ctx, "tenant").orElse(Tenant.DEFAULT_ID)
            : caller.user().tenantId();
    java.util.Map<String, String> names = new java.util.HashMap<>();
    for (var user : features.userStore().list()) {
      if (user.tenantId().equals(tenant) && user.extension().isPresent()) {
        names.putIfAbsent(user.extension().get(), user.displayName());
      }
    }
    return new WallboardRoutes.Audience(
        tenant,
        features.tenants().find(tenant).map(Tenant::zone).orElse(WebhookParser.DEFAULT_ZONE),
        scopes.calls(caller),
        scopes.agents(caller),
        caller.role() == dev.switchboard.hub.users.Role.AGENT,
        names,
        features.reporting().settings().of(tenant));
  }

  /**
   * The one mapping of what a route throws: a refusal ({@link ApiException}) and a client's mistake
   * in the request itself ({@link ClientMistakes}) are answered with their 4xx, logged at debug at
   * most; a database out of reach is a 503 (retry later); anything else is the hub's own failure,
   * logged with its stack trace and answered 500.
   */
  private static void failed(Exception failure, Context ctx) {
    try {
      Optional<ApiException> mistake = ClientMistakes.of(failure, ctx);
      if (mistake.isPresent()) {
        ApiException refusal = mistake.get();
        log.debug("{} {} refused: {}", ctx.method(), redacted(ctx), refusal.getMessage());
        if (refusal.code().isPresent() && !isWebhookPath(ctx.path())) {
          coded(ctx, refusal);
        } else {
          error(ctx, refusal.status(), refusal.getMessage());
        }
      } else if (Database.isConnectionFailure(failure)) {
        log.warn(
            "{} {}: the database is out of reach: {}",
            ctx.method(),
            redacted(ctx),
            failure.toString());
        error(ctx, 503, "the database is unavailable; retry later");
      } else {
        log.error("{} {} failed", ctx.method(), redacted(ctx), failure);
        error(ctx, 500, "internal error; see the hub's log");
      }
    } catch (RuntimeException requestGone) {
      log.debug("request ended before its error could be sent", failure);
    }
  }

  private static String redacted(Context ctx) {
    return ctx.path().replaceAll("/hooks/[^/]+", "/hooks/***");
  }

  /**
   * An error reply: on a webhook path (the PBX's: {@code /hooks/...} and {@code /api/...}) in the
   * documents' shape {@code {"status code":N,"message":"..."}}, elsewhere {@code {"error":"..."}}.
   */
  private static void error(Context ctx, int status, String message) {
    String body =
        isWebhookPath(ctx.path())
            ? new CrmReply(status, message).toJson()
            : JSON.createObjectNode().put("error", message).toString();
    ctx.status(status).contentType("application/json").result(body);
  }

  /** A coded refusal: {@code {"error": code, "message": ..., ...details}}. */
  private static void coded(Context ctx, ApiException refusal) {
    var body = JSON.createObjectNode();
    body.put("error", refusal.code().orElseThrow());
    body.put("message", refusal.getMessage());
    refusal.details().forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
    Object retry = refusal.details().get("retry_after_seconds");
    if (retry != null) {
      ctx.header("Retry-After", retry.toString());
    }
    ctx.status(refusal.status()).contentType("application/json").result(JsonMappers.text(body));
  }

  private static boolean isWebhookPath(String path) {
    return path.startsWith("/hooks/") || path.startsWith("/api/");
  }

  private static String resource(String name) {
    try (InputStream in = HubServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
