package dev.switchboard.server;

/**
 * A setting that cannot be used, with a message that names it (as written in the YAML file, e.g.
 * {@code http.port}) and says what is wrong: {@code http.port: 'abc' is not a whole number}. Thrown
 * at start-up, before anything runs.
 */
public class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A bad setting, described by {@code message}. */
  public SettingsException(String message) {
    super(message);
  }

  /** A bad setting, described by {@code message}, found through {@code cause}. */
  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
