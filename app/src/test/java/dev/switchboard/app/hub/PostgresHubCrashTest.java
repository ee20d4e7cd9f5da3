package dev.switchboard.app.hub;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

/** The crash contract on PostgreSQL (a new schema of {@code SWITCHBOARD_TEST_PG_URL}). */
@PostgresTest
class PostgresHubCrashTest extends HubCrashContract {
  @Override
  DatabaseSettings database() {
    return TestDatabases.postgres().orElseThrow();
  }
}
