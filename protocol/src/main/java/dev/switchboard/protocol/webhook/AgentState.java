package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Codes;
import java.util.Map;

/**
 * An agent phone's real-time status ({@code Agent/ChangeStatus} and the extension-status API):
 * {@code off} (not registered), {@code on} (available), {@code pause}, {@code ring}, {@code talk}.
 * Known values are lower case whatever case they came in; others are kept exactly as sent.
 */
public record AgentState(String code) {
  public static final AgentState OFF = new AgentState("off");
  public static final AgentState ON = new AgentState("on");
  public static final AgentState PAUSE = new AgentState("pause");
  public static final AgentState RING = new AgentState("ring");
  public static final AgentState TALK = new AgentState("talk");

  private static final Map<String, String> SPELLINGS =
      Map.of("OFF", "off", "ON", "on", "PAUSE", "pause", "RING", "ring", "TALK", "talk");

  /** Validates the code; use {@link #of} for wire text. */
  public AgentState {
    code = Codes.canonical("status", code, Map.of());
  }

  /** Reads a wire value. */
  public static AgentState of(String raw) {
    return new AgentState(Codes.canonical("status", raw, SPELLINGS));
  }

  /** Whether the documents list this status. */
  public boolean isKnown() {
    return SPELLINGS.containsValue(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
