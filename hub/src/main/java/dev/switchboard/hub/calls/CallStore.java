package dev.switchboard.hub.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The derived call records: written by the intake writer in the same transaction as their events,
 * read by the API. Thread-safe.
 */
public final class CallStore {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** Digits matched when a phone has no exact E.164 match ({@code 938363739}). */
  public static final int TRAILING_DIGITS = 9;

  private final Jdbi jdbi;

  /** A store over {@code jdbi}. */
  public CallStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Writes (or replaces) a call's record and its extensions, inside the caller's transaction. */
  public ObjectNode save(Handle handle, Call call, long lastSeq) {
    return save(handle, call, lastSeq, true);
  }

  /**
   * Writes a call's record, and its extensions (with its first-seen time) when {@code
   * extensionsChanged}: pass {@code true} when the extensions or the first-seen time changed;
   * returns the record as stored.
   */
  public ObjectNode save(Handle handle, Call call, long lastSeq, boolean extensionsChanged) {
    ObjectNode record = CallJson.toJson(call);
    record.put("last_seq", lastSeq);
    markReportBuckets(handle, call);
    handle
        .createUpdate(
            "insert into calls (tenant_id, callid, direction, customer_e164, customer_digits, queue,"
                + " state, outcome, answered_by, first_seen_at, ended_at, last_seq, record) values"
                + " (:tenant, :callid, :direction, :e164, :digits, :queue, :state, :outcome, :answeredBy,"
                + " :firstSeen, :endedAt, :lastSeq, :record) on conflict (tenant_id, callid) do update"
                + " set direction = excluded.direction, customer_e164 = excluded.customer_e164,"
                + " customer_digits = excluded.customer_digits, queue = excluded.queue, state ="
                + " excluded.state, outcome = excluded.outcome, answered_by = excluded.answered_by,"
                + " first_seen_at = excluded.first_seen_at, ended_at = excluded.ended_at, last_seq ="
                + " excluded.last_seq, record = excluded.record")
        .bind("tenant", call.tenantId())
        .bind("callid", call.callId())
        .bind("direction", call.direction().code())
        .bind("e164", call.customer().flatMap(p -> p.e164()).orElse(null))
        .bind(
            "digits", call.customer().flatMap(p -> p.trailingDigits(TRAILING_DIGITS)).orElse(null))
        .bind("queue", call.queue().orElse(null))
        .bind("state", call.state().code())
        .bind("outcome", call.outcome().map(Outcome::code).orElse(null))
        .bind("answeredBy", call.answeredBy().orElse(null))
        .bind("firstSeen", call.firstSeenAt().toEpochMilli())
        .bind("endedAt", call.endedAt().map(Instant::toEpochMilli).orElse(null))
        .bind("lastSeq", lastSeq)
        .bind("record", JsonMappers.text(record))
        .execute();
    if (!extensionsChanged) {
      return record;
    }
    handle
        .createUpdate("delete from call_extensions where tenant_id = :tenant and callid = :callid")
        .bind("tenant", call.tenantId())
        .bind("callid", call.callId())
        .execute();
    for (String extension : call.extensions()) {
      handle
          .createUpdate(
              "insert into call_extensions (tenant_id, callid, extension, first_seen_at) values"
                  + " (:tenant, :callid, :extension, :firstSeen)")
          .bind("tenant", call.tenantId())
          .bind("callid", call.callId())
          .bind("extension", extension)
          .bind("firstSeen", call.firstSeenAt().toEpochMilli())
          .execute();
    }
    return record;
  }

  /**
   * Marks the report bucket of the call's first-seen time out of date, and the bucket it was in
   * before if that was another (reconciliation can move a call's first-seen time): one statement,
   * read before the call's row is replaced, in the same transaction (issue 11, report rollups).
   */
  private static void markReportBuckets(Handle handle, Call call) {
    handle
        .createUpdate(
            "insert into report_dirty (tenant_id, bucket, generation) select :tenant, :bucket, 1"
                + " where 1 = 1 union select tenant_id, (first_seen_at / :size) * :size, 1 from"
                + " calls where tenant_id = :tenant and callid = :callid on conflict (tenant_id,"
                + " bucket) do update set generation = report_dirty.generation + 1")
        .bind("tenant", call.tenantId())
        .bind("callid", call.callId())
        .bind("bucket", ReportBucket.startOf(call.firstSeenAt().toEpochMilli()))
        .bind("size", ReportBucket.MILLIS)
        .execute();
  }

  /** The stored record of one call, as JSON. */
  public Optional<ObjectNode> find(Handle handle, String tenantId, String callId) {
    return handle
        .createQuery("select record from calls where tenant_id = :tenant and callid = :callid")
        .bind("tenant", tenantId)
        .bind("callid", callId)
        .mapTo(String.class)
        .findOne()
        .map(CallStore::parse);
  }

  /** The tenants holding a call with this id. */
  public List<String> tenantsWithCall(String callId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select tenant_id from calls where callid = :callid order by tenant_id")
                .bind("callid", callId)
                .mapTo(String.class)
                .list());
  }

  /** One call's record, as JSON. */
  public Optional<ObjectNode> find(String tenantId, String callId) {
    return jdbi.withHandle(handle -> find(handle, tenantId, callId));
  }

  /** A page of calls, newest first, and the cursor of the next page if there is one. */
  public record Page(List<ObjectNode> calls, Optional<String> nextCursor) {}

  /** Calls matching {@code filter}, newest first, after {@code cursor}, at most {@code limit}. */
  public Page list(CallFilter filter, Optional<String> cursor, int limit) {
    return list(filter, CallScope.all(Optional.empty()), cursor, limit);
  }

  /**
   * Calls matching {@code filter} within {@code scope}, newest first, after {@code cursor}, at most
   * {@code limit}.
   */
  public Page list(CallFilter filter, CallScope scope, Optional<String> cursor, int limit) {
    Optional<String> tenant = filter.tenant().or(scope::tenant);
    Optional<List<String>> customersCalls =
        filter.phone().flatMap(p -> tenant.flatMap(t -> customersCalls(t, p)));
    if (customersCalls.isPresent() && customersCalls.get().isEmpty()) {
      return new Page(List.of(), Optional.empty());
    }
    // By extension, the search walks that extension's rows of call_extensions newest first (their
    // index holds the call's time and key) and joins each call: time, order and cursor are read
    // from those rows, which equal the call's.
    String k = filter.extension().isPresent() ? "x" : "c";
    StringBuilder sql =
        new StringBuilder("select c.first_seen_at, c.tenant_id, c.callid, c.record from calls c");
    if (filter.extension().isPresent()) {
      sql.append(
          " join call_extensions x on x.tenant_id = c.tenant_id and x.callid = c.callid and"
              + " x.extension = :extension");
    }
    sql.append(" where 1 = 1");
    sql.append(scope.sql());
    filter.tenant().ifPresent(t -> sql.append(" and %s.tenant_id = :tenant".formatted(k)));
    filter.from().ifPresent(t -> sql.append(" and %s.first_seen_at >= :from".formatted(k)));
    filter.to().ifPresent(t -> sql.append(" and %s.first_seen_at < :to".formatted(k)));
    if (customersCalls.isPresent()) {
      sql.append(" and c.tenant_id = :customerTenant and c.callid in (<customersCalls>)");
    } else {
      filter
          .phone()
          .ifPresent(
              p ->
                  sql.append(
                      p.e164().isPresent()
                          ? " and (c.customer_e164 = :e164 or c.customer_digits = :digits)"
                          : " and c.customer_digits = :digits"));
    }
    filter.queue().ifPresent(q -> sql.append(" and c.queue = :queue"));
    filter.direction().ifPresent(d -> sql.append(" and c.direction = :direction"));
    filter.outcome().ifPresent(o -> sql.append(" and c.outcome = :outcome"));
    Optional<Cursor> after = cursor.map(Cursor::decode);
    after.ifPresent(
        c ->
            sql.append(
                (" and (%1$s.first_seen_at < :cFirst or (%1$s.first_seen_at = :cFirst and"
                        + " (%1$s.tenant_id < :cTenant or (%1$s.tenant_id = :cTenant and"
                        + " %1$s.callid < :cCall))))")
                    .formatted(k)));
    // A customer's calls, found by id, are sorted: ordered by the plain column the planners would
    // rather walk the tenant's calls by time for the order (the unary plus is a no-op on both).
    sql.append(
        " order by %2$s%1$s.first_seen_at desc, %1$s.tenant_id desc, %1$s.callid desc limit :limit"
            .formatted(k, customersCalls.isPresent() ? "+" : ""));
    return jdbi.withHandle(
        handle -> {
          Query query = handle.createQuery(sql.toString());
          scope.bind(query);
          filter.tenant().ifPresent(t -> query.bind("tenant", t));
          filter.from().ifPresent(t -> query.bind("from", t.toEpochMilli()));
          filter.to().ifPresent(t -> query.bind("to", t.toEpochMilli()));
          if (customersCalls.isPresent()) {
            query.bind("customerTenant", tenant.orElseThrow());
            query.bindList("customersCalls", customersCalls.get());
          } else {
            filter
                .phone()
                .ifPresent(
                    p -> {
                      p.e164().ifPresent(e -> query.bind("e164", e));
                      query.bind("digits", p.trailingDigits(TRAILING_DIGITS).orElse(p.raw()));
                    });
          }
          filter.extension().ifPresent(e -> query.bind("extension", e));
          filter.queue().ifPresent(q -> query.bind("queue", q));
          filter.direction().ifPresent(d -> query.bind("direction", d.code()));
          filter.outcome().ifPresent(o -> query.bind("outcome", o.code()));
          after.ifPresent(
              c ->
                  query
                      .bind("cFirst", c.firstSeen())
                      .bind("cTenant", c.tenant())
                      .bind("cCall", c.callId()));
          query.bind("limit", limit + 1);
          List<Cursor> keys = new ArrayList<>();
          List<ObjectNode> calls = new ArrayList<>();
          query
              .map(
                  (rs, ctx) -> {
                    keys.add(new Cursor(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    calls.add(parse(rs.getString(4)));
                    return null;
                  })
              .list();
          if (calls.size() > limit) {
            calls.remove(limit);
            return new Page(calls, Optional.of(keys.get(limit - 1).encode()));
          }
          return new Page(calls, Optional.empty());
        });
  }

  /** The states of a call not yet ended, as SQL literals (for the index {@code calls_open}). */
  private static final String OPEN_STATES =
      java.util.Arrays.stream(CallState.values())
          .filter(state -> state != CallState.ENDED)
          .map(state -> "'" + state.code() + "'")
          .collect(java.util.stream.Collectors.joining(", "));

  /** The most calls of one customer looked up by id; a customer with more is searched as before. */
  static final int MOST_CUSTOMER_CALLS = 2_000;

  /**
   * The ids of one customer's calls in {@code tenantId}, by E.164 or by the trailing digits, each
   * through its own index (one customer's calls are few); empty when there are more than {@link
   * #MOST_CUSTOMER_CALLS}. Asked in one statement with the order and the page, SQLite (without
   * statistics) and PostgreSQL would rather walk the tenant's calls newest first and test the phone
   * on each: 2.5 s at 1,000,000 calls on SQLite.
   */
  private Optional<List<String>> customersCalls(String tenantId, PhoneNumber phone) {
    return jdbi.withHandle(
        handle -> {
          java.util.Set<String> ids = new java.util.LinkedHashSet<>();
          if (phone.e164().isPresent()) {
            ids.addAll(callIdsBy(handle, tenantId, "customer_e164", phone.e164().get()));
          }
          ids.addAll(
              callIdsBy(
                  handle,
                  tenantId,
                  "customer_digits",
                  phone.trailingDigits(TRAILING_DIGITS).orElse(phone.raw())));
          return ids.size() > MOST_CUSTOMER_CALLS
              ? Optional.<List<String>>empty()
              : Optional.of(List.copyOf(ids));
        });
  }

  private static List<String> callIdsBy(
      Handle handle, String tenantId, String column, String value) {
    return handle
        .createQuery(
            "select callid from calls where tenant_id = :tenant and "
                + column
                + " = :value limit :most")
        .bind("tenant", tenantId)
        .bind("value", value)
        .bind("most", MOST_CUSTOMER_CALLS + 1)
        .mapTo(String.class)
        .list();
  }

  /**
   * The customer's latest calls other than {@code exceptCallId}, newest first: by E.164 when the
   * number has one, else by its trailing digits.
   */
  public List<ObjectNode> recentCallsOf(
      Handle handle, String tenantId, PhoneNumber phone, String exceptCallId, int limit) {
    boolean exact = phone.e164().isPresent();
    Optional<String> key = exact ? phone.e164() : phone.trailingDigits(TRAILING_DIGITS);
    if (key.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(
            "select record from calls where tenant_id = :tenant and "
                + (exact ? "customer_e164" : "customer_digits")
                + " = :key and callid <> :except order by first_seen_at desc limit :limit")
        .bind("tenant", tenantId)
        .bind("key", key.get())
        .bind("except", exceptCallId)
        .bind("limit", limit)
        .mapTo(String.class)
        .map(CallStore::parse)
        .list();
  }

  /**
   * The extensions rung by, answering or placing the latest {@code recentCalls} calls of a queue:
   * the queue's agents as the hub has seen them (index {@code calls_by_queue}, then each call's own
   * rows of {@code call_extensions}). A cross join, which SQLite never reorders: its planner,
   * without statistics, otherwise read every extension row of the tenant for each of those calls
   * (seconds once the store held some ten thousand calls, on the writer for a ring notification's
   * screen-pop, and on every supervisor's request and wallboard).
   */
  public List<String> extensionsOfQueue(
      Handle handle, String tenantId, String queue, int recentCalls) {
    return handle
        .createQuery(
            "select distinct e.extension from (select callid from calls where tenant_id = :tenant"
                + " and queue = :queue order by first_seen_at desc limit :limit) c cross join"
                + " call_extensions e where e.tenant_id = :tenant and e.callid = c.callid order by"
                + " e.extension")
        .bind("tenant", tenantId)
        .bind("queue", queue)
        .bind("limit", recentCalls)
        .mapTo(String.class)
        .list();
  }

  /**
   * The agent of the customer's most recent connected call first seen at or after {@code since}: an
   * answered inbound call's agent, or the caller of an answered outbound one. By E.164 when the
   * number has one, else by trailing digits; newest first along index {@code calls_by_customer} (or
   * {@code calls_by_customer_digits}), so only that customer's calls are read.
   */
  public Optional<String> lastConnectedAgent(
      Handle handle, String tenantId, PhoneNumber phone, Instant since) {
    boolean exact = phone.e164().isPresent();
    Optional<String> key = exact ? phone.e164() : phone.trailingDigits(TRAILING_DIGITS);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return handle
        .createQuery(
            "select answered_by from calls where tenant_id = :tenant and "
                + (exact ? "customer_e164" : "customer_digits")
                + " = :key and first_seen_at >= :since and answered_by is not null and (outcome ="
                + " 'answered' or state = 'talking') order by first_seen_at desc limit 1")
        .bind("tenant", tenantId)
        .bind("key", key.get())
        .bind("since", since.toEpochMilli())
        .mapTo(String.class)
        .findOne();
  }

  /** The records of the calls still open (ringing or talking), of one tenant or every one. */
  public List<ObjectNode> openCalls(Optional<String> tenantId) {
    return jdbi.withHandle(
        handle -> {
          // Through calls_open: asked for the tenant too, or for "state <> 'ended'", the
          // planners walk the tenant's calls instead (380 ms at 200,000 calls on SQLite); the open
          // calls are few, and the tenant is checked here.
          List<ObjectNode> open = new ArrayList<>();
          handle
              .createQuery(
                  "select tenant_id, record from calls where state in ("
                      + OPEN_STATES
                      + ") order by +first_seen_at")
              .map(
                  (rs, ctx) -> {
                    if (tenantId.isEmpty() || tenantId.get().equals(rs.getString(1))) {
                      open.add(parse(rs.getString(2)));
                    }
                    return null;
                  })
              .list();
          return open;
        });
  }

  /** A call still open (ringing or talking) first seen before {@code before}. */
  public record OpenCall(String tenantId, String callId, Instant firstSeenAt) {}

  /** Calls still open that were first seen before {@code before}, oldest first. */
  public List<OpenCall> openCallsSeenBefore(Instant before, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select tenant_id, callid, first_seen_at from calls where state in ("
                        + OPEN_STATES
                        + ") and first_seen_at < :before order by +first_seen_at limit :limit")
                .bind("before", before.toEpochMilli())
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new OpenCall(
                            rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                .list());
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException corrupt) {
      throw new IllegalStateException("stored call record is not JSON", corrupt);
    }
  }

  /** Where a page ended: the last call's first-seen time, tenant and call id. */
  record Cursor(long firstSeen, String tenant, String callId) {
    String encode() {
      String text = firstSeen + "\n" + tenant + "\n" + callId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                .split("\n", 3);
        return new Cursor(Long.parseLong(parts[0]), parts[1], parts[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException bad) {
        throw new InvalidCursorException();
      }
    }
  }

  /** A cursor that this store did not make. */
  public static final class InvalidCursorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidCursorException() {
      super("cursor is not one this API returned");
    }
  }
}
