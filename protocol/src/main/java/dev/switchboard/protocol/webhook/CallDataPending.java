package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code calldata} whose documented fields, but for {@code callid}, are all empty or absent (a real
 * PBX sends {@code calldata?callid=X&calldate=}, or {@code status=} or {@code holdtime=}): the call
 * exists and its data comes later; the CRM looks it up in the PBX's call-record report
 * (PROTOCOL-NOTES, "Seen from a real VoiceCloud PBX").
 *
 * @param callId the call
 * @param extra fields the documents do not define
 */
public record CallDataPending(CallId callId, Map<String, String> extra) implements CallEvent {
  private static final Set<String> RESERVED = Set.copyOf(WebhookPath.CALLDATA.fields());

  /** Validates every part. */
  public CallDataPending {
    Objects.requireNonNull(callId, "callId");
    extra = Extra.copyOf(extra, RESERVED);
  }

  /** A pending notice with no extra fields. */
  public static CallDataPending of(CallId callId) {
    return new CallDataPending(callId, Map.of());
  }

  /** Whether {@code fields} carry no documented calldata value but a callid. */
  static boolean isPending(WireFields fields) {
    return WebhookPath.CALLDATA.fields().stream()
        .filter(name -> !name.equals("callid"))
        .noneMatch(fields::has);
  }

  static CallDataPending read(WireFields fields) {
    CallId callId = fields.callId();
    WebhookPath.CALLDATA.fields().forEach(fields::text); // all empty: read so none is an extra
    return new CallDataPending(callId, fields.extra());
  }

  @Override
  public EventType type() {
    return EventType.CALL_DATA_PENDING;
  }

  @Override
  public void writeTo(WebhookWriter writer) {
    writer.field("callid", Optional.of(callId));
    writer.presentEmpty("calldate"); // as the PBX sends it
    writer.extra(extra);
  }
}
