package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code call_in} with no {@code callid} and no {@code extension}: a real PBX announcing that a
 * number is calling a queue, before any agent rings (seen in bursts of a few within 100 ms, with
 * {@code queue=} present and often empty; PROTOCOL-NOTES, "Seen from a real VoiceCloud PBX"). The
 * CRM shows the caller to the queue's agents; there is no call record to update yet.
 *
 * @param phone the caller
 * @param queue the queue called, absent when the PBX sent none (or an empty one)
 * @param event the {@code event} when one came (RINGING)
 * @param did the PBX number the customer dialled, when sent
 * @param extra fields the documents do not define
 */
public record RingNotification(
    PhoneNumber phone,
    Optional<String> queue,
    Optional<CallProgress> event,
    Optional<String> did,
    Map<String, String> extra)
    implements WebhookEvent {
  private static final Set<String> RESERVED = Set.copyOf(WebhookPath.CALL_IN.fields());

  /** Validates every part. */
  public RingNotification {
    Objects.requireNonNull(phone, "phone");
    queue = IncomingCall.identifier("queue", queue);
    Objects.requireNonNull(event, "event");
    did = IncomingCall.identifier("did", did);
    extra = Extra.copyOf(extra, RESERVED);
  }

  /** A notification for {@code phone} calling {@code queue}, with nothing else. */
  public static RingNotification of(PhoneNumber phone, Optional<String> queue) {
    return new RingNotification(phone, queue, Optional.empty(), Optional.empty(), Map.of());
  }

  static RingNotification read(WireFields fields) {
    // Present and empty, or absent: either way read, so they are not kept as extras.
    fields.text("callid");
    fields.text("extension");
    return new RingNotification(
        fields.requiredPhone(),
        fields.identifier("queue"),
        fields.code("event", CallProgress::of),
        fields.identifier("did"),
        fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.RING_NOTIFICATION;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.phone(Optional.of(phone));
    // The PBX sends queue= even when it has none; the wire form does the same.
    if (queue.isPresent()) {
      writer.field("queue", queue);
    } else {
      writer.presentEmpty("queue");
    }
    writer.field("event", event);
    writer.field("did", did);
    writer.extra(extra);
  }
}
