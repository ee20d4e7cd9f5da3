package dev.switchboard.hub;

import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteCallbacksTest extends CallbacksContract {
  @TempDir Path folder;

  @Override
  DatabaseSettings newDatabase() {
    return TestDatabases.sqlite(folder);
  }
}
