package dev.switchboard.protocol.api;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.Locale;

/** How the listening extension takes part in a {@link SpyRequest}'s call ({@code mode}). */
public enum SpyMode {
  /** {@code whisper}: listen only, as the v2 document puts it. */
  WHISPER,
  /** {@code threeway}: talk to both parties. */
  THREEWAY,
  /** {@code caller}: talk to the caller. */
  CALLER,
  /** {@code callee}: talk to the callee. */
  CALLEE;

  /** The value on the wire: {@code whisper}, {@code threeway}, {@code caller}, {@code callee}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a wire value in any case; anything else names field {@code mode} and the values. */
  public static SpyMode of(String raw) {
    String text = Text.required("mode", raw).trim();
    for (SpyMode mode : values()) {
      if (mode.wireName().equalsIgnoreCase(text)) {
        return mode;
      }
    }
    throw ProtocolException.field(
        "mode",
        Text.quote(Text.shortened(text, 60)) + " is not one of whisper, threeway, caller, callee");
  }
}
