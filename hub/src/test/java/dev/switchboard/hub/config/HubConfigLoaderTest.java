package dev.switchboard.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.server.SettingsException;
import dev.switchboard.store.DatabaseSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubConfigLoaderTest {
  @Test
  void sqliteWalLimitDefaultsTo64Megabytes() {
    HubConfig config = HubConfigLoader.load(Optional.empty(), Map.of(), Map.of());
    assertThat(config.database().sqliteWalLimitBytes())
        .isEqualTo(DatabaseSettings.DEFAULT_SQLITE_WAL_LIMIT_BYTES)
        .isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void sqliteWalLimitIsReadFromTheEnvironmentInMegabytes() {
    HubConfig config =
        HubConfigLoader.load(
            Optional.empty(), Map.of("SWITCHBOARD_DB_SQLITE_WAL_LIMIT_MB", "16"), Map.of());
    assertThat(config.database().sqliteWalLimitBytes()).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void aSqliteWalLimitBelowOneMegabyteFailsNamingTheSetting() {
    assertThatThrownBy(
            () ->
                HubConfigLoader.load(
                    Optional.empty(), Map.of("SWITCHBOARD_DB_SQLITE_WAL_LIMIT_MB", "0"), Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("database.sqlite_wal_limit_mb");
  }
}
