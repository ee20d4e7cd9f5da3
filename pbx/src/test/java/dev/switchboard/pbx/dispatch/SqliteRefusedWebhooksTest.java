package dev.switchboard.pbx.dispatch;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The refused-webhook policy on a SQLite file per test. */
class SqliteRefusedWebhooksTest extends RefusedWebhooksContract {
  @TempDir Path folder;

  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.sqlite(folder);
  }
}
