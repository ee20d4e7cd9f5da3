package dev.switchboard.hub;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

@PostgresTest
class PostgresCallbacksTest extends CallbacksContract {
  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.postgres().orElseThrow();
  }
}
