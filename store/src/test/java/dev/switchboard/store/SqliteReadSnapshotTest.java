package dev.switchboard.store;

import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadSnapshotTest extends ReadSnapshotContract {
  @TempDir Path folder;

  @Override
  DatabaseSettings newSettings() {
    return TestDatabases.sqlite(folder);
  }
}
