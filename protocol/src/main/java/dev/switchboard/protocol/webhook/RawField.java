package dev.switchboard.protocol.webhook;

import java.util.Objects;

/** One field exactly as received: name in its original case, value decoded but otherwise as is. */
public record RawField(String name, String value) {
  /** Both parts are required (an empty value is fine). */
  public RawField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
