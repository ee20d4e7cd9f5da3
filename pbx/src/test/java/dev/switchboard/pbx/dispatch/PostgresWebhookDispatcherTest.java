package dev.switchboard.pbx.dispatch;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

/** The dispatcher's contract on a fresh PostgreSQL schema per test. */
@PostgresTest
class PostgresWebhookDispatcherTest extends WebhookDispatcherContract {
  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.postgres().orElseThrow();
  }
}
