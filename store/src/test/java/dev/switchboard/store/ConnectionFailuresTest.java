package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are the database's being out of reach (answered 503), by SQLSTATE. */
class ConnectionFailuresTest {
  private static RuntimeException wrapped(String sqlState) {
    return new IllegalStateException(
        "statement failed", new SQLException("from the driver", sqlState));
  }

  @Test
  void aLostConnectionOrASessionTheServerEndedIsOutOfReach() {
    assertThat(Database.isConnectionFailure(wrapped("08006"))).isTrue();
    assertThat(Database.isConnectionFailure(wrapped("57P01"))).isTrue(); // terminated by admin
    assertThat(Database.isConnectionFailure(wrapped("57P02"))).isTrue(); // crash shutdown
    assertThat(Database.isConnectionFailure(wrapped("57P03"))).isTrue(); // cannot connect now
  }

  @Test
  void aStatementTheDatabaseRefusedIsNot() {
    assertThat(Database.isConnectionFailure(wrapped("23505"))).isFalse(); // unique violation
    assertThat(Database.isConnectionFailure(wrapped("57014"))).isFalse(); // query canceled
    assertThat(Database.isConnectionFailure(new IllegalStateException("no cause"))).isFalse();
  }
}
