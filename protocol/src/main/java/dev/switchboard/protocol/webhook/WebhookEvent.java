package dev.switchboard.protocol.webhook;

import java.util.Map;

/**
 * One PBX to CRM webhook, understood. Records are immutable and hold normalised values (E.164
 * phones, UTC instants, canonical codes); the text as received is kept beside them in {@link
 * DecodedWebhook#raw()}.
 *
 * <p>Every event keeps the fields the documents do not define in {@link #extra()} (lower-case
 * names), so nothing a PBX adds is lost.
 */
public sealed interface WebhookEvent permits CallEvent, AgentStatusChange, RingNotification {

  /** What this event means. */
  EventType type();

  /** Fields the documents do not define for this event, by lower-case name, in arrival order. */
  Map<String, String> extra();

  /** Writes the event's wire fields, in the documents' order, through {@code writer}. */
  void writeTo(WebhookWriter writer);
}
