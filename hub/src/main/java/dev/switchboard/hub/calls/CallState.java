package dev.switchboard.hub.calls;

import java.util.Locale;

/** Where a call stands: ringing (or waiting in a queue), talking, or ended. */
public enum CallState {
  RINGING,
  TALKING,
  ENDED;

  /** Lower-case name used in JSON and the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
