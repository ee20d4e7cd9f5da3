package dev.switchboard.hub.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.JsonMappers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads callback items: derives them from the stored call records of a range of tenant-local days
 * and lays the hand closes over them; stores hand closes. Thread-safe.
 */
public final class CallbackStore {
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Jdbi jdbi;

  /** A store over {@code jdbi}. */
  public CallbackStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The items of the tenant-local days {@code from}..{@code to} (inclusive), oldest first. */
  public List<CallbackItem> items(String tenantId, ZoneId zone, LocalDate from, LocalDate to) {
    return jdbi.withHandle(handle -> items(handle, tenantId, zone, from, to, Optional.empty()));
  }

  /**
   * The items of the tenant-local days {@code from}..{@code to}, of one customer number only when
   * {@code phone} is given, read inside the caller's transaction.
   */
  public List<CallbackItem> items(
      Handle handle,
      String tenantId,
      ZoneId zone,
      LocalDate from,
      LocalDate to,
      Optional<String> phone) {
    long start = from.atStartOfDay(zone).toInstant().toEpochMilli();
    // Sorted here, not by the database: asked to sort, SQLite walks the tenant's calls by time
    // instead of one customer's, and the intake writer asks for one customer at every call change.
    // Without a phone, only the calls of customers with an unanswered inbound call since the start
    // are read: no other call makes an item or joins one (CallbackDerivation), and most of a
    // week's calls are answered ones of other customers (the wallboard asks for a week at each
    // load: 4.3 s at 1,000,000 calls a month reading them all).
    List<CallbackDerivation.CallFacts> facts =
        new ArrayList<>(
            handle
                .createQuery(
                    "select record from calls where tenant_id = :tenant and first_seen_at >= :start"
                        + (phone.isPresent()
                            ? " and customer_e164 = :phone"
                            : " and customer_e164 in (select customer_e164 from calls where"
                                + " tenant_id = :tenant and first_seen_at >= :start and direction"
                                + " = 'inbound' and state = 'ended' and outcome in ('missed',"
                                + " 'no_answer', 'busy') and customer_e164 is not null)"))
                .bind("tenant", tenantId)
                .bind("start", start)
                .bind("phone", phone.orElse(null))
                .mapTo(String.class)
                .map(CallbackStore::facts)
                .list());
    facts.sort(
        Comparator.comparing(CallbackDerivation.CallFacts::firstSeenAt)
            .thenComparing(CallbackDerivation.CallFacts::callId));
    List<CallbackItem> derived = new ArrayList<>();
    for (CallbackItem item : CallbackDerivation.derive(tenantId, zone, facts)) {
      if (!item.day().isAfter(to)) {
        derived.add(item);
      }
    }
    Map<String, CallbackItem.Close> closes =
        phone.isPresent()
            ? closes(handle, tenantId, derived.stream().map(CallbackItem::id).toList())
            : closes(handle, tenantId);
    List<CallbackItem> items = new ArrayList<>(derived.size());
    for (CallbackItem item : derived) {
      items.add(item.closed(Optional.ofNullable(closes.get(item.id()))));
    }
    return items;
  }

  /** One item by its id. */
  public Optional<CallbackItem> find(String tenantId, ZoneId zone, String id) {
    return jdbi.withHandle(handle -> find(handle, tenantId, zone, id));
  }

  /** One item by its id, in the caller's handle. */
  public Optional<CallbackItem> find(Handle handle, String tenantId, ZoneId zone, String id) {
    return CallbackDerivation.dayOf(id)
        .flatMap(
            day ->
                items(handle, tenantId, zone, day, day, Optional.empty()).stream()
                    .filter(item -> item.id().equals(id))
                    .findFirst());
  }

  /**
   * Closes an item by hand, in the caller's handle (the intake writer's, applying a {@code
   * callback_closed} event); false when it was already closed.
   */
  boolean close(Handle handle, String tenantId, String id, String reason, String by, Instant at) {
    return handle
            .createUpdate(
                "insert into callback_closes (tenant_id, item_id, reason, closed_by,"
                    + " closed_at) values (:tenant, :id, :reason, :by, :at) on conflict"
                    + " (tenant_id, item_id) do nothing")
            .bind("tenant", tenantId)
            .bind("id", id)
            .bind("reason", reason)
            .bind("by", by)
            .bind("at", at.toEpochMilli())
            .execute()
        == 1;
  }

  /** The hand closes of the tenant's items. */
  private static Map<String, CallbackItem.Close> closes(Handle handle, String tenantId) {
    return closes(
        handle.createQuery(
            "select item_id, reason, closed_by, closed_at from callback_closes where"
                + " tenant_id = :tenant"),
        tenantId);
  }

  /** The hand closes of the items {@code ids} of the tenant. */
  private static Map<String, CallbackItem.Close> closes(
      Handle handle, String tenantId, List<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return closes(
        handle
            .createQuery(
                "select item_id, reason, closed_by, closed_at from callback_closes where"
                    + " tenant_id = :tenant and item_id in (<ids>)")
            .bindList("ids", ids),
        tenantId);
  }

  private static Map<String, CallbackItem.Close> closes(
      org.jdbi.v3.core.statement.Query query, String tenantId) {
    Map<String, CallbackItem.Close> closes = new HashMap<>();
    query
        .bind("tenant", tenantId)
        .map(
            (rs, ctx) -> {
              closes.put(
                  rs.getString(1),
                  new CallbackItem.Close(
                      rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
              return null;
            })
        .list();
    return closes;
  }

  private static CallbackDerivation.CallFacts facts(String record) {
    JsonNode call;
    try {
      call = JSON.readTree(record);
    } catch (JsonProcessingException corrupt) {
      throw new IllegalStateException("a stored call record is not JSON", corrupt);
    }
    return new CallbackDerivation.CallFacts(
        call.path("callid").asText(),
        call.path("direction").asText(),
        call.path("customer").path("phone").asText(),
        text(call, "queue"),
        call.path("state").asText(),
        text(call, "outcome"),
        text(call, "answered_by"),
        Instant.parse(call.path("first_seen_at").asText()),
        text(call, "answered_at").map(Instant::parse));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
