package dev.switchboard.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's two SQLite databases ({@code hub.db}, {@code pbx.db} and their WAL files) under its
 * data folder, emptied at each start: the emulator keeps its calls in memory, so what a previous
 * run left (calls still talking, webhooks still pending) would never end. Nothing else in the
 * folder is touched.
 */
final class DemoData {
  private static final List<String> FILES =
      List.of("hub.db", "hub.db-wal", "hub.db-shm", "pbx.db", "pbx.db-wal", "pbx.db-shm");

  private DemoData() {}

  static void clear(Path folder) {
    for (String name : FILES) {
      try {
        Files.deleteIfExists(folder.resolve(name));
      } catch (IOException cannotDelete) {
        throw new UncheckedIOException(
            "cannot empty the demo's data folder " + folder + " (--data)", cannotDelete);
      }
    }
  }
}
