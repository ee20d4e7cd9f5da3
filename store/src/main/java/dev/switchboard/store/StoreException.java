package dev.switchboard.store;

/** The root of the store's exceptions: something went wrong with the database. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message fit for an operator. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
