package dev.switchboard.pbx.dispatch;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;

/** Exactly-once delivery on a fresh PostgreSQL schema per test. */
@PostgresTest
class PostgresExactlyOnceTest extends ExactlyOnceContract {
  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.postgres().orElseThrow();
  }
}
