package dev.switchboard.pbx.dispatch;

import dev.switchboard.pbx.dispatch.Destination.Method;
import dev.switchboard.protocol.webhook.WebhookRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code webhook_outbox} table: every webhook from enqueue to delivery, or to dead letter. A
 * row is {@code pending} (due at {@code due_at}), {@code delivered} or {@code dead}. The head of an
 * ordering key is its pending row with the lowest id; only heads are sent, each under a claim (see
 * {@link OutboxClaims}). Times are epoch milliseconds: the dispatcher's clock for the schedule,
 * wall-clock time for {@code claim_expires_at}. SQL both SQLite and PostgreSQL understand.
 * Thread-safe (each call takes its own connection from the pool).
 */
final class Outbox {
  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String DEAD = "dead";

  /** Pending rows with no earlier pending row of the same tenant and key. */
  static final String HEADS =
      " from webhook_outbox o where o.state = 'pending' and not exists (select 1 from"
          + " webhook_outbox e where e.state = 'pending' and e.tenant_id = o.tenant_id and"
          + " e.ordering_key = o.ordering_key and e.id < o.id)";

  private final Jdbi jdbi;

  Outbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new pending webhook, due at once; returns its id. */
  long insert(
      String tenantId,
      String orderingKey,
      Destination destination,
      WebhookRequest request,
      Instant now,
      Instant giveUpAt) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "insert into webhook_outbox (tenant_id, ordering_key, crm_base_url, method,"
                        + " path, path_and_query, json_body, state, enqueued_at, due_at,"
                        + " give_up_at, attempts) values (:tenant, :key, :base, :method, :path,"
                        + " :pathAndQuery, :json, 'pending', :now, :now, :giveUp, 0) returning id")
                .bind("tenant", tenantId)
                .bind("key", orderingKey)
                .bind("base", destination.crmBaseUrl())
                .bind("method", destination.method().name())
                .bind("path", request.path().path())
                .bind("pathAndQuery", request.pathAndQuery())
                .bind("json", request.jsonBody())
                .bind("now", now.toEpochMilli())
                .bind("giveUp", giveUpAt.toEpochMilli())
                .mapTo(Long.class)
                .one());
  }

  /**
   * When the earliest head that no live claim holds is due: a claim lives while its expiry is after
   * {@code leaseNow}.
   */
  Optional<Instant> nextDue(Instant leaseNow) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select o.due_at"
                        + HEADS
                        + " and (o.claimed_by is null or o.claim_expires_at <= :leaseNow)"
                        + " order by o.due_at, o.id limit 1")
                .bind("leaseNow", leaseNow.toEpochMilli())
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
  }

  /** Dead letters, oldest first, of one tenant or all, at most {@code limit}. */
  List<DeadLetter> deadLetters(Optional<String> tenantId, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, tenant_id, ordering_key, method, path_and_query, enqueued_at,"
                        + " dead_at, attempts, last_error from webhook_outbox where state ="
                        + " 'dead'"
                        + (tenantId.isPresent() ? " and tenant_id = :tenant" : "")
                        + " order by id limit :limit")
                .bindMap(tenantId.map(tenant -> Map.of("tenant", tenant)).orElse(Map.of()))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeadLetter(
                            rs.getLong("id"),
                            rs.getString("tenant_id"),
                            rs.getString("ordering_key"),
                            Method.valueOf(rs.getString("method")),
                            rs.getString("path_and_query"),
                            Instant.ofEpochMilli(rs.getLong("enqueued_at")),
                            Instant.ofEpochMilli(rs.getLong("dead_at")),
                            rs.getInt("attempts"),
                            rs.getString("last_error")))
                .list());
  }

  /**
   * Puts dead letters back in the queue, due at {@code now}, with a fresh give-up time and attempt
   * count: the one with {@code id}, or every one (of {@code tenantId} when given) when {@code id}
   * is empty. Returns how many.
   */
  int replay(Optional<Long> id, Optional<String> tenantId, Instant now, Instant giveUpAt) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "update webhook_outbox set state = 'pending', due_at = :now, give_up_at ="
                        + " :giveUp, attempts = 0, refusals = 0, dead_at = null, claimed_by ="
                        + " null, claim_expires_at = null where state = 'dead'"
                        + (id.isPresent() ? " and id = :id" : "")
                        + (tenantId.isPresent() ? " and tenant_id = :tenant" : ""))
                .bind("now", now.toEpochMilli())
                .bind("giveUp", giveUpAt.toEpochMilli())
                .bindMap(id.map(one -> Map.of("id", one)).orElse(Map.of()))
                .bindMap(tenantId.map(tenant -> Map.of("tenant", tenant)).orElse(Map.of()))
                .execute());
  }

  /** Deletes delivered webhooks delivered before {@code before}; returns how many. */
  int pruneDelivered(Instant before) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "delete from webhook_outbox where state = 'delivered' and delivered_at <"
                        + " :before")
                .bind("before", before.toEpochMilli())
                .execute());
  }

  /** How many rows are in each state. */
  WebhookDispatcher.Stats stats() {
    List<StateCount> counts =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("select state, count(*) from webhook_outbox group by state")
                    .map((rs, ctx) -> new StateCount(rs.getString(1), rs.getLong(2)))
                    .list());
    return new WebhookDispatcher.Stats(
        countOf(counts, PENDING), countOf(counts, DELIVERED), countOf(counts, DEAD));
  }

  private record StateCount(String state, long count) {}

  private static long countOf(List<StateCount> counts, String state) {
    return counts.stream()
        .filter(count -> count.state().equals(state))
        .mapToLong(StateCount::count)
        .sum();
  }

  /** The row at {@code rs} (which holds at least the columns of an entry). */
  static OutboxEntry read(ResultSet rs) throws SQLException {
    return new OutboxEntry(
        rs.getLong("id"),
        rs.getString("tenant_id"),
        rs.getString("ordering_key"),
        new Destination(rs.getString("crm_base_url"), Method.valueOf(rs.getString("method"))),
        rs.getString("path"),
        rs.getString("path_and_query"),
        rs.getString("json_body"),
        Instant.ofEpochMilli(rs.getLong("enqueued_at")),
        Instant.ofEpochMilli(rs.getLong("give_up_at")),
        rs.getInt("attempts"),
        rs.getInt("refusals"));
  }

  /** Re-points pending webhooks of a tenant at a new destination, due at {@code now}. */
  int retarget(String tenantId, Destination destination, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "update webhook_outbox set crm_base_url = :url, method = :method, due_at = :now"
                        + " where tenant_id = :tenant and state = 'pending'")
                .bind("url", destination.crmBaseUrl())
                .bind("method", destination.method().name())
                .bind("now", now.toEpochMilli())
                .bind("tenant", tenantId)
                .execute());
  }
}
