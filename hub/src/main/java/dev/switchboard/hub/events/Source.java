package dev.switchboard.hub.events;

import java.util.Locale;

/** Where a logged event came from. */
public enum Source {
  /** A webhook the PBX sent. */
  WEBHOOK,
  /** The sweeper, closing a call that never ended. */
  SWEEPER,
  /** Reconciliation from the PBX's call records. */
  CDR_SYNC,
  /** The periodic extension-status poll, correcting the live board. */
  STATUS_POLL,
  /** A person, in the console or through the API (a callback closed by hand). */
  CONSOLE;

  /** The name stored in the log: {@code webhook}, {@code sweeper}, {@code cdr-sync}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The source with this stored name. */
  public static Source ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
