package dev.switchboard.hub.calls;

import java.util.Locale;

/** Which way a call went. */
public enum CallDirection {
  INBOUND,
  OUTBOUND,
  UNKNOWN;

  /** Lower-case name used in JSON and the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
