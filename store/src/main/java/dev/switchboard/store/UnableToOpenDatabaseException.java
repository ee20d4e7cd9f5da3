package dev.switchboard.store;

/** The database could not be reached, opened or migrated at start-up. */
public final class UnableToOpenDatabaseException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the database (never its password) and the cause. */
  public UnableToOpenDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
