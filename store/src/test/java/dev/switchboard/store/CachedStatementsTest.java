package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handle's statements prepared once and reused, on a real SQLite file. */
class CachedStatementsTest {
  @TempDir Path folder;

  @Test
  void theSameStatementIsPreparedOnceAndGivesTheRightRowsEachTime() {
    Jdbi jdbi = Jdbi.create(TestDatabases.sqlite(folder).jdbcUrl());
    try (Handle handle = jdbi.open()) {
      handle.execute("create table t (k integer primary key, v text)");
      CachedStatements cache = CachedStatements.install(handle);
      for (int i = 0; i < 50; i++) {
        handle
            .createUpdate("insert into t (k, v) values (:k, :v)")
            .bind("k", i)
            .bind("v", "v" + i)
            .execute();
      }
      for (int i = 0; i < 50; i++) {
        assertThat(
                handle
                    .createQuery("select v from t where k = :k")
                    .bind("k", i)
                    .mapTo(String.class)
                    .findOne())
            .hasValue("v" + i);
      }
      assertThat(cache.prepared()).isEqualTo(2);
      assertThat(cache.reused()).isEqualTo(98);
      cache.closeAll();
      assertThat(handle.createQuery("select count(*) from t").mapTo(Integer.class).one())
          .isEqualTo(50);
    }
  }

  @Test
  void aStatementInUseWhenItsSqlComesAgainGetsAFreshOne() {
    Jdbi jdbi = Jdbi.create(TestDatabases.sqlite(folder).jdbcUrl());
    try (Handle handle = jdbi.open()) {
      handle.execute("create table t (k integer primary key, v text)");
      handle.execute("insert into t (k, v) values (1, 'a'), (2, 'b'), (3, 'c')");
      CachedStatements cache = CachedStatements.install(handle);
      String sql = "select k from t where k >= :from order by k";
      // The outer query's rows are read while the same SQL runs again for each of them.
      List<String> nested =
          handle
              .createQuery(sql)
              .bind("from", 1)
              .map(
                  (rs, ctx) ->
                      rs.getInt(1)
                          + ":"
                          + handle
                              .createQuery(sql)
                              .bind("from", rs.getInt(1))
                              .mapTo(Integer.class)
                              .list())
              .list();
      assertThat(nested).containsExactly("1:[1, 2, 3]", "2:[2, 3]", "3:[3]");
      assertThat(cache.prepared()).isEqualTo(2);
      assertThat(cache.reused()).isEqualTo(2);
      cache.closeAll();
    }
  }
}
