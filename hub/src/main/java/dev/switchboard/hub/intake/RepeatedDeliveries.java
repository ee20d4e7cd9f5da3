package dev.switchboard.hub.intake;

import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.webhook.AgentStatusChange;
import dev.switchboard.protocol.webhook.RingNotification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Decides, inside the writer's transaction, whether an event is a repeated delivery of one the log
 * holds, and otherwise the salt it is stored under (the log stores each (tenant, type, content,
 * salt) once). The rules are in docs/architecture.md ("Repeated deliveries"). Remembers the latest
 * event of recent extensions as the writer appends them, so a status asks the log only for an
 * extension it has not seen; {@link #invalidate} forgets them when the log may hold what it did not
 * see (another process wrote, or a transaction was rolled back). Not thread-safe: the writer
 * thread's.
 */
final class RepeatedDeliveries {
  /** Extensions whose latest event is remembered. */
  static final int REMEMBERED_EXTENSIONS = 10_000;

  private record ExtensionKey(String tenantId, String extension) {}

  private final EventLog log;
  private final RingBursts ringBursts = new RingBursts();
  private final Map<ExtensionKey, Optional<EventLog.LatestOfExtension>> latest =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<ExtensionKey, Optional<EventLog.LatestOfExtension>> eldest) {
          return size() > REMEMBERED_EXTENSIONS;
        }
      };

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
      Optional<EventLog.LatestOfExtension> last =
          latest.computeIfAbsent(
              new ExtensionKey(draft.tenantId(), status.extension()),
              key -> log.latestOfExtension(handle, key.tenantId(), key.extension()));
      if (last.filter(event -> event.isStatus(status.status().code())).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(last.map(event -> "after:" + event.seq()).orElse(""));
    }
    return Optional.of(""); // a call's events do not repeat: the same content is the same event
  }

  /** Remembers that {@code draft} was appended as {@code seq}: its extension's latest event. */
  void appended(EventDraft draft, long seq) {
    draft
        .webhook()
        .flatMap(EventLog::extensionOf)
        .ifPresent(
            extension ->
                latest.put(
                    new ExtensionKey(draft.tenantId(), extension),
                    Optional.of(EventLog.latestOf(seq, draft.type(), draft.content()))));
  }

  /** Forgets every extension's latest event: the log may hold events this writer did not see. */
  void invalidate() {
    latest.clear();
  }
}
