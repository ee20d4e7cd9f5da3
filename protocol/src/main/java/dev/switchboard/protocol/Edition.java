package dev.switchboard.protocol;

import java.util.Locale;

/**
 * The two editions of the VoiceCloud documents. Real PBXs speak either; readers accept both, and a
 * writer picks one.
 *
 * <ul>
 *   <li>{@link #V1}: the older Vietnamese document. {@code calldate} as {@code
 *       2020-10-10-10:10:10}; a final record's status is {@code ANSWERED}; {@code init} events are
 *       RINGING, ANSWERED.
 *   <li>{@link #V2}: the newer English document. {@code calldate} as {@code 2024-03-01 13:15:40};
 *       status {@code ANSWER}; adds {@code billsec}, {@code did}, {@code direction}, {@code queue}
 *       and {@code event} on {@code call_in}, and the agent no-answer event.
 * </ul>
 */
public enum Edition {
  V1,
  V2;

  /** Reads {@code v1} or {@code v2} (any case). */
  public static Edition parse(String text) {
    if (text != null) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "v1":
        case "1":
          return V1;
        case "v2":
        case "2":
          return V2;
        default:
          break;
      }
    }
    throw ProtocolException.input("unknown edition '" + text + "' (expected v1 or v2)");
  }

  /** {@code v1} or {@code v2}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
