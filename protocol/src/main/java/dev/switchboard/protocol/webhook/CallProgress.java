package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Codes;
import java.util.Map;

/**
 * The {@code event} of {@code call_in} and {@code init}: the call is ringing or was answered.
 * {@code RING} (seen in the field) reads as {@link #RINGING}, v1 {@code ANSWERED} as {@link
 * #ANSWER}; other values are kept exactly as sent.
 */
public record CallProgress(String code) {
  public static final CallProgress RINGING = new CallProgress("RINGING");
  public static final CallProgress ANSWER = new CallProgress("ANSWER");

  private static final Map<String, String> SPELLINGS =
      Map.of("RINGING", "RINGING", "RING", "RINGING", "ANSWER", "ANSWER", "ANSWERED", "ANSWER");

  /** Validates the code; use {@link #of} for wire text. */
  public CallProgress {
    code = Codes.canonical("event", code, Map.of());
  }

  /** Reads a wire value. */
  public static CallProgress of(String raw) {
    return new CallProgress(Codes.canonical("event", raw, SPELLINGS));
  }

  /** Whether the documents list this event. */
  public boolean isKnown() {
    return equals(RINGING) || equals(ANSWER);
  }

  @Override
  public String toString() {
    return code;
  }
}
