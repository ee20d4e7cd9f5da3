package dev.switchboard.store;

import java.util.Locale;

/** The databases Switchboard runs on, told by their JDBC URL. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String vendor;

  Dialect(String vendor) {
    this.vendor = vendor;
  }

  /** Flyway's name for it, used as the folder of vendor-specific migrations. */
  public String vendor() {
    return vendor;
  }

  /** The dialect of a JDBC URL, or an error naming the supported ones. */
  public static Dialect of(String jdbcUrl) {
    String lower = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database URL must start with jdbc:sqlite: or jdbc:postgresql: (got '"
            + DatabaseSettings.redact(jdbcUrl)
            + "')");
  }
}
