package dev.switchboard.hub.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallState;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.JsonMappers;
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

  private static final ObjectMapper JSON = JsonMappers.create();

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

  /**
   * Applies a {@code callback_closed} event of canonical {@code content} (its item, reason, who and
   * when; a close of an item closed already changes nothing) and returns the item's change, stored
   * with log sequence {@code seq}.
   */
  public List<Change> closed(Handle handle, String tenantId, String content, long seq) {
    if (store == null) {
      return List.of();
    }
    JsonNode fields = fieldsOf(content);
    if (!store.close(
        handle,
        tenantId,
        fields.path("item").asText(),
        fields.path("reason").asText(),
        fields.path("by").asText(),
        java.time.Instant.parse(fields.path("at").asText()))) {
      return List.of();
    }
    return ofClose(handle, tenantId, content, seq);
  }

  /**
   * The item a {@code callback_closed} event of canonical {@code content} closed, as it stands now,
   * sent with log sequence {@code seq}: what a resuming stream client is sent for that event.
   */
  public List<Change> ofClose(Handle handle, String tenantId, String content, long seq) {
    if (store == null) {
      return List.of();
    }
    return store
        .find(handle, tenantId, zoneOf.apply(tenantId), fieldsOf(content).path("item").asText())
        .map(item -> List.of(changeOf(tenantId, item, seq)))
        .orElse(List.of());
  }

  private static JsonNode fieldsOf(String content) {
    try {
      return JSON.readTree(content);
    } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
      throw new IllegalStateException("a callback close is not JSON", corrupt);
    }
  }

  private static Change changeOf(String tenantId, CallbackItem item, long seq) {
    return new Change(
        seq, tenantId, Change.Kind.CALLBACK, Set.of(), item.queue(), item.toJson(false));
  }

  /**
   * The changes of {@code call}, stored with log sequence {@code seq}, which was {@code before}
   * until this event (empty when it is new to the caller): none when nothing a callback item is
   * derived from changed (most of a call's webhooks: status changes, a final record repeating what
   * the call's events said), so the customer's calls are not read again for nothing.
   */
  public List<Change> of(Handle handle, Optional<Call> before, Call call, long seq) {
    if (before.isPresent() && sameFacts(before.get(), call)) {
      return List.of();
    }
    return of(handle, call, seq);
  }

  /** Whether the two give the same facts to the callback derivation ({@code CallbackStore}). */
  static boolean sameFacts(Call a, Call b) {
    return a.callId().equals(b.callId())
        && a.direction() == b.direction()
        && a.customer().equals(b.customer())
        && a.queue().equals(b.queue())
        && a.state() == b.state()
        && a.outcome().equals(b.outcome())
        && a.answeredBy().equals(b.answeredBy())
        && a.firstSeenAt().equals(b.firstSeenAt())
        && a.answeredAt().equals(b.answeredAt());
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
        changes.add(changeOf(call.tenantId(), item, seq));
      }
    }
    return changes;
  }
}
