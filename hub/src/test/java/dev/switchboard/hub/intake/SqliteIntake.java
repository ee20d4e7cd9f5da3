package dev.switchboard.hub.intake;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.calls.CallLookups;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.stream.ChangeFeed;
import dev.switchboard.hub.stream.ChangePublisher;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import dev.switchboard.store.Database;
import dev.switchboard.store.Pacing;
import dev.switchboard.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The intake writer on a fresh SQLite file in {@code folder}, with the default tenant, driven by
 * {@link #drain} (no writer thread): what the intake tests store events through.
 */
final class SqliteIntake implements AutoCloseable {
  final WebhookParser parser = new WebhookParser(WebhookParser.DEFAULT_ZONE);
  final Clock clock;
  final Database database;
  final EventLog log;
  final CallStore calls;
  final AgentBoard agents;
  final ContactStore contacts;
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final EventWriter writer;

  SqliteIntake(Path folder, Clock clock) {
    this.clock = clock;
    database = Database.open(TestDatabases.sqlite(folder), "hub");
    new TenantStore(database.jdbi(), clock)
        .create(
            new Tenant(
                Tenant.DEFAULT_ID, "Default", WebhookParser.DEFAULT_ZONE, SourceNetworks.any()));
    log = new EventLog(tenant -> parser);
    calls = new CallStore(database.jdbi());
    agents = new AgentBoard(database.jdbi());
    contacts = new ContactStore(database.jdbi(), clock);
    writer =
        new EventWriter(
            database.jdbi(),
            log,
            calls,
            agents,
            contacts,
            new CallLookups(database.jdbi()),
            ChangePublisher.local(new ChangeFeed(10)),
            metrics,
            100_000,
            500,
            Pacing.none());
  }

  /** Queues the webhook of {@code path} and {@code query}, received now from {@code source}. */
  void submit(Source source, WebhookPath path, String query) {
    writer.submit(
        EventDraft.webhook(
            Tenant.DEFAULT_ID,
            clock.instant(),
            source,
            "127.0.0.1",
            RawFormat.QUERY.parse(parser, path, query).event(),
            path,
            RawFormat.QUERY,
            query));
  }

  /** Writes what is queued. */
  void drain() {
    while (writer.runOnce(Duration.ZERO) > 0) {
      // until the queue is empty
    }
  }

  @Override
  public void close() {
    writer.close();
    database.close();
  }
}
