package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Codes;
import java.util.Map;

/**
 * The {@code direction} of a call record (v2): {@code Inbound} or {@code Outbound}, read in any
 * case; other values are kept exactly as sent.
 */
public record Direction(String code) {
  public static final Direction INBOUND = new Direction("Inbound");
  public static final Direction OUTBOUND = new Direction("Outbound");

  private static final Map<String, String> SPELLINGS =
      Map.of("INBOUND", "Inbound", "OUTBOUND", "Outbound");

  /** Validates the code; use {@link #of} for wire text. */
  public Direction {
    code = Codes.canonical("direction", code, Map.of());
  }

  /** Reads a wire value. */
  public static Direction of(String raw) {
    return new Direction(Codes.canonical("direction", raw, SPELLINGS));
  }

  /** Whether the documents list this direction. */
  public boolean isKnown() {
    return equals(INBOUND) || equals(OUTBOUND);
  }

  @Override
  public String toString() {
    return code;
  }
}
