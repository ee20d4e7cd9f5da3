package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.Extra;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link AgentAnswered} and {@link AgentNoAnswer} share: both are a {@code calldata} about one
 * agent's ring attempt, with callid, status, queue, extension and phone and no duration.
 */
final class RingAttempts {
  /** Names an attempt holds, and the two that would make it a call record instead. */
  static final Set<String> RESERVED =
      Set.of("callid", "status", "queue", "extension", "phone", "calldate", "duration");

  private RingAttempts() {}

  interface Factory<T> {
    T create(
        CallId callId,
        String extension,
        Optional<String> queue,
        Optional<PhoneNumber> phone,
        Map<String, String> extra);
  }

  static String extension(String extension) {
    return Text.identifier("extension", extension, WireFields.MAX_IDENTIFIER);
  }

  static Map<String, String> extra(Map<String, String> extra) {
    return Extra.copyOf(extra, RESERVED);
  }

  static <T> T read(WireFields fields, Factory<T> factory) {
    // status is known by the caller; calldate and duration are empty here (else: a call record).
    fields.text("status");
    fields.text("calldate");
    fields.text("duration");
    return factory.create(
        fields.callId(),
        fields.requiredIdentifier("extension"),
        fields.identifier("queue"),
        fields.phone(),
        fields.extra());
  }

  static void write(
      WebhookWriter writer,
      CallStatus status,
      CallId callId,
      String extension,
      Optional<String> queue,
      Optional<PhoneNumber> phone,
      Map<String, String> extra) {
    writer.field("callid", callId.value());
    writer.field("status", status.code());
    writer.field("queue", queue);
    writer.field("extension", extension);
    writer.phone(phone);
    writer.extra(extra);
  }
}
