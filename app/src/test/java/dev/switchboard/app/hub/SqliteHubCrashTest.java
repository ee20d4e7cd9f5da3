package dev.switchboard.app.hub;

import dev.switchboard.store.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The crash contract on a SQLite file. */
class SqliteHubCrashTest extends HubCrashContract {
  @TempDir Path folder;

  @Override
  DatabaseSettings database() {
    return DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("hub.db"));
  }
}
