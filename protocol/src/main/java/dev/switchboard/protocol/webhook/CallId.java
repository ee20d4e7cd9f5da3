package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;

/**
 * The PBX's identifier of one call ({@code callid}), the key every event of the call shares. Any
 * printable text up to {@value #MAX_LENGTH} characters; VoiceCloud uses UUIDs.
 */
public record CallId(String value) {
  /** Longest call id accepted. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public CallId {
    value = Text.identifier("callid", value, MAX_LENGTH);
  }

  /** Same as {@code new CallId(value)}. */
  public static CallId of(String value) {
    return new CallId(value);
  }

  @Override
  public String toString() {
    return value;
  }

  /** Thrown for a missing callid, named the way the parser names it. */
  static ProtocolException missing() {
    return ProtocolException.field("callid", "is missing");
  }
}
