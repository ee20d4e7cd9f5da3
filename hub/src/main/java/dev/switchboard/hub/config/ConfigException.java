package dev.switchboard.hub.config;

/** A setting that is missing or wrong; the message names it. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error naming the setting and the problem. */
  public ConfigException(String message) {
    super(message);
  }
}
