package dev.switchboard.hub;

import dev.switchboard.hub.access.Scopes;
import dev.switchboard.hub.actions.ActionRoutes;
import dev.switchboard.hub.actions.AuditLog;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.callbacks.CallbackChanges;
import dev.switchboard.hub.callbacks.CallbackStore;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.calls.CallSweeper;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.contacts.ContactImports;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.intake.ChangeReplay;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.intake.NotStoredException;
import dev.switchboard.hub.intake.OverloadedException;
import dev.switchboard.hub.intake.RateLimits;
import dev.switchboard.hub.nodes.HubNodes;
import dev.switchboard.hub.nodes.JobLeases;
import dev.switchboard.hub.reconcile.CallDataLookup;
import dev.switchboard.hub.reconcile.CdrSync;
import dev.switchboard.hub.reconcile.StatusPoll;
import dev.switchboard.hub.reports.KpiSettingsRoutes;
import dev.switchboard.hub.reports.KpiSettingsStore;
import dev.switchboard.hub.reports.ReportQuery;
import dev.switchboard.hub.reports.ReportRollups;
import dev.switchboard.hub.reports.ReportRoutes;
import dev.switchboard.hub.reports.Reporting;
import dev.switchboard.hub.routing.RouteQuestionRoute;
import dev.switchboard.hub.routing.StickyRouter;
import dev.switchboard.hub.sessions.Authentication;
import dev.switchboard.hub.sessions.LoginThrottle;
import dev.switchboard.hub.sessions.SessionRoutes;
import dev.switchboard.hub.sessions.SessionStore;
import dev.switchboard.hub.settings.TenantSettingsRoutes;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.hub.stream.ChangePublisher;
import dev.switchboard.hub.stream.SharedChanges;
import dev.switchboard.hub.tenants.ApiTokens;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.UserRoutes;
import dev.switchboard.hub.users.UserStore;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.server.ListenAddress;
import dev.switchboard.store.Database;
import dev.switchboard.store.Dialect;
import dev.switchboard.store.Notifications;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub, wired and running: database, event writer, sweeper and HTTP server. {@link #start}
 * returns once it is ready to take webhooks; {@link #close} stops it after the events already
 * accepted are committed. Thread-safe.
 */
public final class Hub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  /** How often due call-data look-ups run: with their ten-second delay, within the minute. */
  private static final Duration CALL_DATA_LOOKUP_EVERY = Duration.ofSeconds(5);

  /** How often a node reads the shared changes when nothing woke it. */
  private static final Duration SHARED_CHANGES_POLL = Duration.ofMillis(500);

  /** How long shared changes are kept for nodes that fell behind (resumes read the log). */
  private static final Duration SHARED_CHANGES_KEPT = Duration.ofMinutes(15);

  private static final Duration SHARED_CHANGES_PRUNE_EVERY = Duration.ofMinutes(1);

  /** A job's lease lasts two of its periods and this much more. */
  private static final Duration LEASE_SLACK = Duration.ofSeconds(10);

  /**
   * How long anything in the hub waits for a pooled connection: a webhook whose tenant look-up gets
   * none is answered 503 with time to spare within its 5-second bound, and the writer gives up on a
   * batch (failing it as not stored) rather than holding it while the database is gone.
   */
  /** How often the report rollups' loop looks for out-of-date buckets. */
  static final java.time.Duration REPORT_ROLLUPS_EVERY = java.time.Duration.ofSeconds(2);

  /** How many buckets one run of the loop recounts at most. */
  static final int REPORT_ROLLUP_BATCH = 200;

  static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(2);

  private final HubConfig config;
  private final Database database;
  private final TenantStore tenants;
  private final EventWriter writer;
  private final CallSweeper sweeper;
  private final CdrSync cdrSync;
  private final StatusPoll statusPoll;
  private final CallDataLookup callDataLookup;
  private final Javalin server;
  private final ScheduledExecutorService schedule;
  private final PrometheusMeterRegistry metrics;
  private final Startup startup;
  private final HubNodes nodes;
  private final JobLeases leases;
  private final Optional<SharedChanges> sharedChanges;
  private final UserStore users;
  private final ReportRollups reportRollups;
  private final ContactImports contactImports;
  private final String nodeId = java.util.UUID.randomUUID().toString();
  private volatile boolean serving;

  /** What the first start created, to be shown once: the default tenant's token, the API token. */
  public record Startup(
      Optional<TenantStore.Created> defaultTenant, Optional<String> generatedApiToken) {}

  private Hub(HubConfig config, Clock clock, boolean serving) {
    this.config = config;
    this.database =
        serving
            ? Database.open(config.database(), "hub", CONNECTION_TIMEOUT)
            : Database.openInBackground(config.database(), "hub");
    try {
      this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      this.tenants = new TenantStore(database.jdbi(), clock);
      this.nodes = new HubNodes(database.jdbi(), clock);
      ApiTokens apiTokens = new ApiTokens(database.jdbi(), clock);
      this.startup = new Startup(ensureDefaultTenant(), apiTokens.ensure(config.apiToken()));
      EventLog eventLog =
          new EventLog(
              tenantId ->
                  new WebhookParser(
                      tenants.find(tenantId).map(Tenant::zone).orElse(WebhookParser.DEFAULT_ZONE)));
      CallStore calls = new CallStore(database.jdbi());
      AgentBoard agents = new AgentBoard(database.jdbi());
      ContactStore contacts = new ContactStore(database.jdbi(), clock);
      int filled = contacts.fillSearchText();
      if (filled > 0) {
        log.info("contacts: search text filled in for {} contact(s)", filled);
      }
      this.contactImports = new ContactImports(database.jdbi(), contacts, clock);
      CallLookups lookups = new CallLookups(database.jdbi());
      ChangeFeed feed = new ChangeFeed(config.stream().bufferPerClient());
      metrics.gauge("switchboard.stream.clients", feed, ChangeFeed::clients);
      this.leases = new JobLeases(database.jdbi(), clock, nodeId);
      // On PostgreSQL, several hub nodes may share the database: every node's stream reads what
      // every node's writer committed. SQLite is one node: changes go straight to its clients.
      this.sharedChanges =
          database.dialect() == Dialect.POSTGRESQL
              ? Optional.of(
                  new SharedChanges(
                      database.jdbi(),
                      feed,
                      clock,
                      Optional.of(Notifications.listen(database.settings(), SharedChanges.CHANNEL)),
                      SHARED_CHANGES_POLL,
                      metrics))
              : Optional.empty();
      ChangePublisher publisher =
          sharedChanges.<ChangePublisher>map(shared -> shared).orElse(ChangePublisher.local(feed));
      CallbackChanges callbackChanges =
          new CallbackChanges(
              new CallbackStore(database.jdbi()),
              tenant -> tenants.find(tenant).map(Tenant::zone).orElse(WebhookParser.DEFAULT_ZONE));
      this.writer =
          new EventWriter(
              database.jdbi(),
              eventLog,
              calls,
              agents,
              contacts,
              lookups,
              publisher,
              metrics,
              config.intake().queueCapacity(),
              config.intake().maxBatch(),
              database.pacing(),
              callbackChanges);
      this.sweeper = new CallSweeper(calls, writer::submit, clock, config.calls().sweepAfter());
      PbxClients clients = new PbxClients(tenants);
      this.cdrSync =
          new CdrSync(tenants, clients, writer, calls, clock, config.reconcile().window());
      this.statusPoll = new StatusPoll(tenants, clients, agents, writer, clock);
      this.callDataLookup = new CallDataLookup(tenants, clients, lookups, calls, writer, clock);
      AuditLog audit = new AuditLog(database.jdbi(), clock);
      ChangeReplay replay =
          new ChangeReplay(
              database.jdbi(),
              eventLog,
              calls,
              agents,
              contacts,
              callbackChanges,
              config.stream().maxReplayEvents(),
              metrics);
      this.users = new UserStore(database.jdbi(), clock);
      SessionStore sessions =
          new SessionStore(
              database.jdbi(),
              clock,
              config.console().sessionIdle(),
              config.console().sessionMax());
      Scopes scopes = new Scopes(database.jdbi(), calls);
      this.reportRollups = new ReportRollups(database.jdbi(), REPORT_ROLLUP_BATCH);
      KpiSettingsStore kpiSettings = new KpiSettingsStore(database.jdbi());
      Reporting reporting =
          new Reporting(
              kpiSettings,
              new KpiSettingsRoutes(kpiSettings, audit),
              new ReportRoutes(
                  new ReportQuery(database.jdbi(), clock),
                  tenant ->
                      tenants.find(tenant).map(Tenant::zone).orElse(WebhookParser.DEFAULT_ZONE),
                  this::namesByExtension,
                  clock));
      Authentication authentication =
          new Authentication(apiTokens, sessions, users, config.http().publicUrl());
      this.server =
          HubServer.create(
              config,
              database,
              metrics,
              new HubServer.Features(
                  tenants,
                  writer,
                  new RateLimits(config.intake().ratePerSecond(), config.intake().rateBurst()),
                  eventLog,
                  calls,
                  agents,
                  contacts,
                  feed,
                  replay,
                  new ActionRoutes(
                      tenants, clients, agents, audit, ctx -> scopes.agents(Caller.of(ctx))),
                  new RouteQuestionRoute(
                      tenants,
                      new StickyRouter(database.jdbi(), contacts, calls, agents),
                      writer,
                      metrics),
                  authentication,
                  new SessionRoutes(
                      users,
                      sessions,
                      new LoginThrottle(database.jdbi(), clock),
                      tenants,
                      authentication,
                      clock),
                  new UserRoutes(
                      users,
                      (tenant, actor, action, target, detail) ->
                          audit.record(tenant, actor, action, target, true, detail)),
                  users,
                  scopes,
                  reporting,
                  contactImports,
                  new TenantSettingsRoutes(
                      tenants,
                      clients,
                      audit,
                      ctx ->
                          config
                              .http()
                              .publicUrl()
                              .orElseGet(() -> ctx.scheme() + "://" + ctx.host())),
                  new dev.switchboard.hub.callbacks.CallbackRoutes(
                      tenants,
                      new CallbackStore(database.jdbi()),
                      clients,
                      audit,
                      clock,
                      this::logByHand)),
              clock);
      this.schedule =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("hub-schedule").daemon().factory());
    } catch (RuntimeException failed) {
      database.close();
      throw failed;
    }
  }

  /**
   * Appends an event a person made (a callback closed by hand) and waits until it is committed and
   * applied; a 503 naming the reason when it could not be stored.
   */
  private void logByHand(EventDraft draft) {
    long now = System.nanoTime();
    try {
      writer.store(draft, now + BY_HAND_WITHDRAW.toNanos(), now + BY_HAND_ANSWER.toNanos());
    } catch (OverloadedException overloaded) {
      throw ApiException.unavailable("the hub is overloaded; retry in a moment");
    } catch (NotStoredException notStored) {
      throw ApiException.unavailable(notStored.getMessage());
    }
  }

  private static final Duration JOBS_END_WAIT = Duration.ofSeconds(10);

  private static final Duration BY_HAND_WITHDRAW = Duration.ofSeconds(5);
  private static final Duration BY_HAND_ANSWER = Duration.ofSeconds(15);

  /**
   * Opens the database and starts only the event writer: no HTTP server, no scheduled jobs. For
   * maintenance commands ({@code hub sync}) that write through the log while a serving hub may run:
   * its writer is paced so the serving hub's is never starved of SQLite's write lock.
   */
  public static Hub startWriterOnly(HubConfig config, Clock clock) {
    Hub hub = new Hub(config, clock, false);
    hub.writer.start();
    return hub;
  }

  /** Opens the database, migrates it, and starts taking webhooks. */
  public static Hub start(HubConfig config, Clock clock) {
    Hub hub = new Hub(config, clock, true);
    hub.writer.start();
    hub.serving = true;
    try {
      new ListenAddress(
              "the hub",
              config.http().host(),
              config.http().port(),
              "http.host (--host, SWITCHBOARD_HOST)",
              "http.port (--port, SWITCHBOARD_PORT)")
          .listen(() -> hub.server.start(config.http().host(), config.http().port()));
    } catch (RuntimeException cannotListen) {
      hub.close();
      throw cannotListen;
    }
    hub.nodes.started(hub.nodeId, hub.baseUrl());
    hub.sharedChanges.ifPresent(SharedChanges::start);
    hub.everyOnOneNode("sweep", config.calls().sweepEvery(), hub.sweeper::runOnce);
    hub.everyOnOneNode("call-record sync", config.reconcile().every(), hub.cdrSync::runOnce);
    hub.everyOnOneNode(
        "extension-status poll", config.reconcile().statusEvery(), hub.statusPoll::runOnce);
    hub.everyOnOneNode("report rollups", REPORT_ROLLUPS_EVERY, hub.reportRollups::runOnce);
    hub.everyOnOneNode("call-data look-up", CALL_DATA_LOOKUP_EVERY, hub.callDataLookup::runOnce);
    hub.sharedChanges.ifPresent(
        shared ->
            hub.everyOnOneNode(
                "shared-change pruning",
                SHARED_CHANGES_PRUNE_EVERY,
                () -> shared.prune(SHARED_CHANGES_KEPT)));
    log.info(
        "hub listening on port {} with database {}", hub.port(), config.database().redactedUrl());
    return hub;
  }

  private Optional<TenantStore.Created> ensureDefaultTenant() {
    if (tenants.find(Tenant.DEFAULT_ID).isPresent()) {
      return Optional.empty();
    }
    return tenants.createIfAbsent(
        new Tenant(Tenant.DEFAULT_ID, "Default", WebhookParser.DEFAULT_ZONE, SourceNetworks.any()));
  }

  /**
   * Runs {@code job} every {@code period} on the one node holding its lease: on one node, there; on
   * several on one database, on one of them, and on another when that one stops renewing.
   */
  private void everyOnOneNode(String what, Duration period, Runnable job) {
    Duration lease = period.multipliedBy(2).plus(LEASE_SLACK);
    long every = period.toMillis();
    schedule.scheduleWithFixedDelay(
        () ->
            quietly(
                what,
                () -> {
                  if (leases.hold(what, lease)) {
                    job.run();
                  }
                }),
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  private void quietly(String what, Runnable job) {
    try {
      job.run();
    } catch (RuntimeException failed) {
      if (Database.isConnectionFailure(failed) || Database.isBusy(failed)) {
        // An outage or a long write elsewhere: a stack trace every few seconds says nothing more.
        log.warn("{} failed: {}; will try again", what, Database.rootCause(failed));
      } else {
        log.warn("{} failed; will try again", what, failed);
      }
    }
  }

  /** The port the server listens on (the real one when configured with 0). */
  public int port() {
    return server.port();
  }

  /** The configured public URL ({@code http.public_url}), else {@code http://localhost:PORT}. */
  public String baseUrl() {
    return config.http().publicUrl().orElse("http://localhost:" + port());
  }

  /** What this start created and must be shown once. */
  public Startup startup() {
    return startup;
  }

  /** The tenants. */
  public TenantStore tenants() {
    return tenants;
  }

  /** The console's users. */
  public UserStore users() {
    return users;
  }

  /** The report rollups' loop, for tests and benchmarks that step it. */
  public ReportRollups reportRollups() {
    return reportRollups;
  }

  /** The display names of a tenant's users with an extension, by extension. */
  private java.util.Map<String, String> namesByExtension(String tenant) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    for (var user : users.list()) {
      if (user.tenantId().equals(tenant) && user.extension().isPresent()) {
        names.putIfAbsent(user.extension().get(), user.displayName());
      }
    }
    return names;
  }

  /** The sweeper, for tests that step it. */
  public CallSweeper sweeper() {
    return sweeper;
  }

  /** The call-record sync, for tests and {@code hub sync}. */
  public CdrSync cdrSync() {
    return cdrSync;
  }

  /** The extension-status poll, for tests. */
  public StatusPoll statusPoll() {
    return statusPoll;
  }

  /** The look-up of calls announced with empty call data, for tests that step it. */
  public CallDataLookup callDataLookup() {
    return callDataLookup;
  }

  /** The database. */
  public Database database() {
    return database;
  }

  /** The configuration it runs with. */
  public HubConfig config() {
    return config;
  }

  @Override
  public void close() {
    schedule.shutdownNow();
    try {
      // A job under way finishes (or sees the interrupt) before its database is closed under it.
      if (!schedule.awaitTermination(JOBS_END_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("a scheduled job did not end within {} s of the stop", JOBS_END_WAIT.toSeconds());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    contactImports.close();
    if (serving) {
      server.stop();
    }
    writer.close();
    sharedChanges.ifPresent(SharedChanges::close);
    if (serving) {
      try {
        leases.releaseAll();
      } catch (RuntimeException unreachable) {
        log.debug("could not give the job leases up; they expire by themselves", unreachable);
      }
    }
    database.close();
    metrics.close();
  }
}
