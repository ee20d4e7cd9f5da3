package dev.switchboard.protocol.webhook;

/** A webhook about one call: every type but the agent status carries the call's {@code callid}. */
public sealed interface CallEvent extends WebhookEvent
    permits IncomingCall,
        Hangup,
        CallRecord,
        MissedCall,
        AgentAnswered,
        AgentNoAnswer,
        OutboundCall,
        CallDataPending {

  /** The call this event is about. */
  CallId callId();
}
