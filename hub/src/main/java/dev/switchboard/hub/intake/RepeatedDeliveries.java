package dev.switchboard.hub.intake;

import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.RingNotification;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Decides, inside the writer's transaction, whether an event is a repeated delivery of one the log
 * holds, and otherwise the salt it is stored under (the log stores each (tenant, type, content,
 * salt) once). The rules are in docs/architecture.md ("Repeated deliveries"). Not thread-safe: the
 * writer thread's.
 */
final class RepeatedDeliveries {
  private final EventLog log;
  private final RingBursts ringBursts = new RingBursts();

  RepeatedDeliveries(EventLog log) {
    this.log = log;
  }

  /** The salt to store {@code draft} under, or empty when it repeats what the log holds. */
  Optional<String> saltOf(Handle handle, EventDraft draft) {
    if (draft.source() == Source.STATUS_POLL) {
      // A poll's correction is made only where the board differs from the PBX: always new.
      return Optional.of("poll:" + draft.receivedAt().toEpochMilli());
    }
    if (draft.type().equals(EventDraft.ROUTE)) {
      return Optional.of("route:" + UUID.randomUUID()); // every answer is logged, however alike
    }
    if (draft.webhook().orElse(null) instanceof RingNotification) {
      return Optional.of(ringBursts.salt(draft.tenantId(), draft.content(), draft.receivedAt()));
    }
    if (draft.webhook().orElse(null) instanceof AgentStatusChange status) {
      // The PBX gives no event id: a ChangeStatus is a repeated delivery when the last event the
      // log holds for its extension is a status with the same value (nothing of that extension
      // came in between). Otherwise it is new, salted with that last event's sequence so it never
      // collides with an earlier identical one.
      Optional<EventLog.LatestOfExtension> latest =
          log.latestOfExtension(handle, draft.tenantId(), status.extension());
      if (latest.filter(last -> last.isStatus(status.status().code())).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(latest.map(last -> "after:" + last.seq()).orElse(""));
    }
    return Optional.of(""); // a call's events do not repeat: the same content is the same event
  }
}
