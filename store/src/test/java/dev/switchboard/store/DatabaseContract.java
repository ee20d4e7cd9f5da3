package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do the same way: the one code path the hub and the emulator use. */
abstract class DatabaseContract {
  Database database;
  DatabaseSettings settings;

  /** A fresh, empty database for one test. */
  abstract DatabaseSettings newSettings();

  @BeforeEach
  void open() {
    settings = newSettings();
    database = Database.open(settings, "storetest");
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Optional<Long> insert(String name) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "insert into items (name) values (:name) on conflict (name) do nothing returning seq")
                    .bind("name", name)
                    .mapTo(Long.class)
                    .findOne());
  }

  @Test
  void migrationsFromCommonAndVendorFoldersAreApplied() {
    database.jdbi().useHandle(handle -> handle.execute("insert into tags values ('a', 'b')"));
    assertThat(database.isHealthy()).isTrue();
  }

  @Test
  void insertReturnsItsSequenceAndAConflictReturnsNothing() {
    Optional<Long> first = insert("a");
    Optional<Long> second = insert("b");
    assertThat(first).isPresent();
    assertThat(second).hasValueSatisfying(seq -> assertThat(seq).isGreaterThan(first.get()));
    assertThat(insert("a")).isEmpty();
  }

  @Test
  void reopeningAppliesNoMigrationTwiceAndKeepsData() {
    insert("kept");
    database.close();
    database = Database.open(settings, "storetest");
    List<String> names =
        database
            .jdbi()
            .withHandle(h -> h.createQuery("select name from items").mapTo(String.class).list());
    assertThat(names).containsExactly("kept");
  }
}
