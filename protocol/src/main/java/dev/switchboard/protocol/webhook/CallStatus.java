package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Codes;
import java.util.Map;
import java.util.Set;

/**
 * The {@code status} of a {@code calldata} webhook. Known values are upper case and canonical (v1
 * {@code ANSWERED} and v2 {@code ANSWER} are both {@link #ANSWER}); any other value is kept exactly
 * as sent.
 */
public record CallStatus(String code) {
  public static final CallStatus ANSWER = new CallStatus("ANSWER");
  public static final CallStatus NOANSWER = new CallStatus("NOANSWER");
  public static final CallStatus BUSY = new CallStatus("BUSY");
  public static final CallStatus FAILED = new CallStatus("FAILED");
  public static final CallStatus CONGESTION = new CallStatus("CONGESTION");
  public static final CallStatus CANCEL = new CallStatus("CANCEL");
  public static final CallStatus ABANDON = new CallStatus("ABANDON");

  private static final Set<String> KNOWN =
      Set.of("ANSWER", "NOANSWER", "BUSY", "FAILED", "CONGESTION", "CANCEL", "ABANDON");
  private static final Map<String, String> SPELLINGS =
      Map.ofEntries(
          Map.entry("ANSWER", "ANSWER"),
          Map.entry("ANSWERED", "ANSWER"),
          Map.entry("NOANSWER", "NOANSWER"),
          Map.entry("NO ANSWER", "NOANSWER"),
          Map.entry("NO_ANSWER", "NOANSWER"),
          Map.entry("BUSY", "BUSY"),
          Map.entry("FAILED", "FAILED"),
          Map.entry("CONGESTION", "CONGESTION"),
          Map.entry("CANCEL", "CANCEL"),
          Map.entry("CANCELED", "CANCEL"),
          Map.entry("CANCELLED", "CANCEL"),
          Map.entry("ABANDON", "ABANDON"),
          Map.entry("ABANDONED", "ABANDON"));

  /** Validates the code; use {@link #of} for wire text. */
  public CallStatus {
    code = Codes.canonical("status", code, Map.of());
  }

  /** Reads a wire value: known spellings in any case become canonical, others are kept. */
  public static CallStatus of(String raw) {
    return new CallStatus(Codes.canonical("status", raw, SPELLINGS));
  }

  /** Whether the documents list this status. */
  public boolean isKnown() {
    return KNOWN.contains(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
