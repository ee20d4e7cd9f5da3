package dev.switchboard.hub.callbacks;

import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.stream.Change;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The {@code callback} stream changes a freshly stored call record causes: the item it is an
 * attempt of, and the items it resolves. Called by the intake writer inside its transaction.
 * Thread-safe.
 */
public final class CallbackChanges {
  /** How many days back a connected call looks for open items to resolve, on the stream. */
  static final int DAYS_BACK = 7;

  private final CallbackStore store;
  private final Function<String, ZoneId> zoneOf;

  /** Changes read through {@code store}, days counted in each tenant's {@code zoneOf}. */
  public CallbackChanges(CallbackStore store, Function<String, ZoneId> zoneOf) {
    this.store = store;
    this.zoneOf = zoneOf;
  }

  /** No callback changes at all (a writer without the callbacks feature). */
  public static CallbackChanges none() {
    return new CallbackChanges(null, tenant -> ZoneId.of("UTC"));
  }

  /** The changes of {@code call}, stored with log sequence {@code seq}. */
  public List<Change> of(Handle handle, Call call, long seq) {
    Optional<String> phone = call.customer().flatMap(p -> p.e164());
    if (store == null || phone.isEmpty() || call.state() == CallState.RINGING) {
      return List.of();
    }
    ZoneId zone = zoneOf.apply(call.tenantId());
    LocalDate day = call.firstSeenAt().atZone(zone).toLocalDate();
    List<Change> changes = new ArrayList<>();
    for (CallbackItem item :
        store.items(handle, call.tenantId(), zone, day.minusDays(DAYS_BACK), day, phone)) {
      boolean attempt = item.attempts().stream().anyMatch(a -> a.callId().equals(call.callId()));
      boolean resolves =
          item.resolution().filter(r -> r.callId().equals(call.callId())).isPresent();
      if (attempt || resolves) {
        changes.add(
            new Change(
                seq,
                call.tenantId(),
                Change.Kind.CALLBACK,
                Set.of(),
                item.queue(),
                item.toJson(false)));
      }
    }
    return changes;
  }
}
