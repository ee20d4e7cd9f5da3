package dev.switchboard.store;

import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

@PostgresTest
class PostgresReadSnapshotTest extends ReadSnapshotContract {
  @Override
  DatabaseSettings newSettings() {
    return TestDatabases.postgres().orElseThrow();
  }
}
