package dev.switchboard.pbx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.pbx.api.ControlRoutes;
import dev.switchboard.pbx.api.ErrorReplies;
import dev.switchboard.pbx.api.PbxApiRoutes;
import dev.switchboard.pbx.config.PbxConfig;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.dispatch.Destination;
import dev.switchboard.pbx.dispatch.DispatchSettings;
import dev.switchboard.pbx.dispatch.WebhookDispatcher;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.EngineLoop;
import dev.switchboard.pbx.engine.SimClock;
import dev.switchboard.pbx.recordings.RecordingRoutes;
import dev.switchboard.pbx.routing.StickyRouting;
import dev.switchboard.pbx.traffic.TrafficGenerator;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import dev.switchboard.server.HttpServerDefaults;
import dev.switchboard.server.ListenAddress;
import dev.switchboard.server.logging.LogRedaction;
import dev.switchboard.store.Database;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PBX emulator, wired and running: the call-center engine on its clock, the traffic generator,
 * the webhook dispatcher with its durable outbox, and the HTTP server (the PBX API, the control
 * API, recordings, health and metrics). Thread-safe.
 */
public final class Pbx implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pbx.class);
  private static final ObjectMapper JSON = JsonMappers.create();

  private final PbxConfig config;
  private final Database database;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final WebhookDispatcher dispatcher;
  private final Engine engine;
  private final EngineLoop loop;
  private final StickyRouting routing = new StickyRouting();
  private final Javalin server;
  private final AtomicLong webhooks = new AtomicLong();
  private final AtomicLong webhooksLost = new AtomicLong();
  private volatile String baseUrl = "";

  private Pbx(PbxConfig config, Clock realClock) {
    this.config = config;
    config.tenants().forEach(tenant -> LogRedaction.hide(tenant.key().forms()));
    this.database = Database.open(config.database(), "pbx");
    try {
      this.dispatcher =
          new WebhookDispatcher(
              database,
              realClock,
              realClock, // leases: real time, whatever speed the simulated clock runs at
              DispatchSettings.defaults()
                  .withDrops(config.delivery().dropRate(), config.seed())
                  .withRetries(
                      DispatchSettings.defaults().firstRetry(),
                      DispatchSettings.defaults().maxRetryDelay(),
                      config.delivery().giveUpAfter())
                  .withRefusedTries(config.delivery().refusedTries()),
              metrics);
      SimClock clock =
          config.clock().stepped()
              ? SimClock.stepped(realClock.instant())
              : SimClock.running(realClock, config.clock().speed());
      Map<String, WebhookFormatter> formatters = new ConcurrentHashMap<>();
      this.engine =
          new Engine(
              config.tenants(),
              clock,
              (tenant, key, event) -> send(formatters, tenant, key, event),
              config.seed(),
              realClock.millis(),
              () -> Optional.of(config.http().publicUrl().orElse(baseUrl)),
              call -> {});
      this.loop = new EngineLoop(engine);
      this.server =
          Javalin.create(
              javalin -> {
                HttpServerDefaults.apply(javalin);
                javalin.router.caseInsensitiveRoutes = true;
                javalin.jsonMapper(new JavalinJackson(JSON, false));
                // One mapping from failures to the documented error body, for every route.
                ErrorReplies.install(javalin);
                javalin.routes.get(
                    "/health", ctx -> ctx.json(JSON.createObjectNode().put("status", "ok")));
                javalin.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
                javalin.routes.get("/", ctx -> ctx.json(status()));
                javalin.routes.get("/sim/dead-letters", ctx -> ctx.json(deadLetters()));
                javalin.routes.post(
                    "/sim/dead-letters/replay",
                    ctx ->
                        ctx.json(
                            JSON.createObjectNode()
                                .put("replayed", dispatcher.replayAll(Optional.empty()))));
                PbxApiRoutes.allowBrowsers(javalin);
                new PbxApiRoutes(engine).register(javalin.routes);
                new ControlRoutes(engine, routing).register(javalin.routes);
                new RecordingRoutes(engine).register(javalin.routes);
              });
    } catch (RuntimeException failed) {
      database.close();
      throw failed;
    }
  }

  /** Starts the emulator: the server, the engine's loop, the dispatcher and the traffic. */
  public static Pbx start(PbxConfig config, Clock realClock) {
    Pbx pbx = new Pbx(config, realClock);
    try {
      new ListenAddress(
              "the PBX emulator",
              config.http().host(),
              config.http().port(),
              "http.host",
              "http.port (--port, SWITCHBOARD_PBX_PORT)")
          .listen(() -> pbx.server.start(config.http().host(), config.http().port()));
    } catch (RuntimeException cannotListen) {
      pbx.close();
      throw cannotListen;
    }
    pbx.baseUrl = "http://localhost:" + pbx.server.port();
    for (TenantSetup tenant : config.tenants()) {
      // Webhooks still pending from an earlier run go where the tenant's CRM is now.
      tenant
          .crmUrl()
          .ifPresent(
              url ->
                  pbx.dispatcher.retarget(
                      tenant.domain(),
                      new Destination(
                          url,
                          tenant.postJson()
                              ? Destination.Method.POST_JSON
                              : Destination.Method.GET)));
    }
    pbx.dispatcher.start();
    pbx.loop.start();
    if (config.traffic() > 0) {
      new TrafficGenerator(pbx.engine, config.traffic(), config.seed(), pbx.routing).start();
    }
    log.info("PBX emulator listening on port {}", pbx.server.port());
    return pbx;
  }

  private void send(
      Map<String, WebhookFormatter> formatters,
      TenantSetup tenant,
      String key,
      WebhookEvent event) {
    webhooks.incrementAndGet();
    if (tenant.crmUrl().isEmpty()) {
      return; // nowhere to send: the engine still runs (API and reports work)
    }
    WebhookFormatter formatter =
        formatters.computeIfAbsent(
            tenant.domain(), d -> new WebhookFormatter(tenant.edition(), tenant.zone()));
    try {
      dispatcher.enqueue(
          tenant.domain(),
          key,
          new Destination(
              tenant.crmUrl().get(),
              tenant.postJson() ? Destination.Method.POST_JSON : Destination.Method.GET),
          formatter.format(event));
    } catch (RuntimeException notStored) {
      // A failed insert must not break the engine's step half-way: the webhook is lost (as with
      // a real PBX) and reconciliation will find the call.
      webhooksLost.incrementAndGet();
      log.error(
          "a {} webhook of tenant {} could not be queued",
          event.type().wireName(),
          tenant.domain(),
          notStored);
    }
  }

  /** Webhooks given up on, oldest first (the CRM's base URL is not shown: it may hold a token). */
  private ObjectNode deadLetters() {
    ObjectNode body = JSON.createObjectNode();
    var list = body.putArray("dead_letters");
    for (var dead : dispatcher.deadLetters(Optional.empty())) {
      list.addObject()
          .put("id", dead.id())
          .put("tenant", dead.tenantId())
          .put("ordering_key", dead.orderingKey())
          .put("path_and_query", dead.pathAndQuery())
          .put("enqueued_at", dead.enqueuedAt().toString())
          .put("dead_at", dead.deadAt().toString())
          .put("attempts", dead.attempts())
          .put("last_error", dead.lastError());
    }
    return body;
  }

  private ObjectNode status() {
    ObjectNode status = JSON.createObjectNode();
    status.put("emulator", "Switchboard PBX emulator");
    status.put("now", engine.clock().instant().toString());
    status.put("speed", engine.clock().isStepped() ? 0 : engine.clock().speed());
    status.put("active_calls", engine.activeCalls());
    status.put("webhooks_produced", webhooks.get());
    status.put("webhooks_not_queued", webhooksLost.get());
    WebhookDispatcher.Stats stats = dispatcher.stats();
    status
        .putObject("delivery")
        .put("pending", stats.pending())
        .put("delivered", stats.delivered())
        .put("dead", stats.dead());
    var tenants = status.putArray("tenants");
    for (TenantSetup tenant : engine.tenants()) {
      tenants
          .addObject()
          .put("domain", tenant.domain())
          .put("edition", tenant.edition().toString())
          .put("crm_url_set", tenant.crmUrl().isPresent())
          .put("extensions", tenant.agents().size())
          .put("queues", tenant.queues().size());
    }
    return status;
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** {@code http://localhost:PORT}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The engine, for the demo and tests. */
  public Engine engine() {
    return engine;
  }

  /** The dispatcher, for tests. */
  public WebhookDispatcher dispatcher() {
    return dispatcher;
  }

  /** The configuration it runs with. */
  public PbxConfig config() {
    return config;
  }

  @Override
  public void close() {
    loop.close();
    server.stop();
    dispatcher.close();
    database.close();
    metrics.close();
  }
}
