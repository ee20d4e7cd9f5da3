package dev.switchboard.protocol.webhook;

/**
 * What a webhook means, as Switchboard names it. One path can carry several types: {@code call_in}
 * an incoming call or (no callid, no extension) a ring notification; {@code calldata} a call
 * record, a missed call, an agent answer (v1), an agent no-answer (v2) or (no data yet) a pending
 * call.
 */
public enum EventType {
  INCOMING_CALL("incoming_call", WebhookPath.CALL_IN),
  RING_NOTIFICATION("ring_notification", WebhookPath.CALL_IN),
  HANGUP("hangup", WebhookPath.HANGUP),
  CALL_RECORD("call_record", WebhookPath.CALLDATA),
  MISSED_CALL("missed_call", WebhookPath.CALLDATA),
  AGENT_ANSWERED("agent_answered", WebhookPath.CALLDATA),
  AGENT_NO_ANSWER("agent_no_answer", WebhookPath.CALLDATA),
  CALL_DATA_PENDING("call_data_pending", WebhookPath.CALLDATA),
  OUTBOUND_CALL("outbound_call", WebhookPath.INIT),
  AGENT_STATUS("agent_status", WebhookPath.AGENT_STATUS);

  private final String wireName;
  private final WebhookPath path;

  EventType(String wireName, WebhookPath path) {
    this.wireName = wireName;
    this.path = path;
  }

  /** The snake-case name used in Switchboard's JSON ({@code incoming_call}, ...). */
  public String wireName() {
    return wireName;
  }

  /** The path this type arrives on. */
  public WebhookPath path() {
    return path;
  }
}
