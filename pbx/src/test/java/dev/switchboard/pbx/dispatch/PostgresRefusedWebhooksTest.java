package dev.switchboard.pbx.dispatch;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

/** The refused-webhook policy on a fresh PostgreSQL schema per test. */
@PostgresTest
class PostgresRefusedWebhooksTest extends RefusedWebhooksContract {
  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.postgres().orElseThrow();
  }
}
