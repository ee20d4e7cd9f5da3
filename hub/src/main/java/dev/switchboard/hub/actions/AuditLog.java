package dev.switchboard.hub.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What was done on someone's behalf, by whom, when, and how it went: every click-to-call, pause and
 * spy the hub asked of the PBX, and every change of settings and users. Thread-safe.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = JsonMappers.create();
  private final Jdbi jdbi;
  private final Clock clock;

  /** A log stored through {@code jdbi}. */
  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Records one action and its outcome ({@code ok} or {@code error}). */
  public void record(
      String tenantId, String actor, String action, String target, boolean ok, String message) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into audit_log (tenant_id, at, actor, action, target, outcome, message)"
                        + " values (:tenant, :at, :actor, :action, :target, :outcome, :message)")
                .bind("tenant", tenantId)
                .bind("at", clock.millis())
                .bind("actor", actor)
                .bind("action", action)
                .bind("target", target)
                .bind("outcome", ok ? "ok" : "error")
                .bind("message", message)
                .execute());
  }

  /** The latest entries, newest first. */
  public List<ObjectNode> latest(Optional<String> tenantId, int limit) {
    return search(AuditQuery.latest(tenantId, limit)).entries();
  }

  /**
   * A page of entries, newest first.
   *
   * @param entries the entries, each with its {@code id}
   * @param nextBefore the {@code before} of the next (older) page; empty on the last page
   */
  public record Page(List<ObjectNode> entries, Optional<Long> nextBefore) {}

  /** The entries {@code query} names, newest first, one page. */
  public Page search(AuditQuery query) {
    java.util.Map<String, Object> binds = new java.util.HashMap<>();
    StringBuilder where = new StringBuilder(" where 1 = 1");
    query
        .tenantId()
        .ifPresent(
            t -> {
              where.append(" and tenant_id = :tenant");
              binds.put("tenant", t);
            });
    query
        .actor()
        .ifPresent(
            a -> {
              where.append(" and actor = :actor");
              binds.put("actor", a);
            });
    query
        .action()
        .ifPresent(
            a -> {
              // Exactly, or under the prefix: "tenant" finds tenant.pbx and tenant.time_zone.
              where.append(" and (action = :action or action like :actionPrefix)");
              binds.put("action", a);
              binds.put("actionPrefix", a.replace("%", "").replace("_", "") + ".%");
            });
    query
        .from()
        .ifPresent(
            f -> {
              where.append(" and at >= :from");
              binds.put("from", f.toEpochMilli());
            });
    query
        .to()
        .ifPresent(
            t -> {
              where.append(" and at < :to");
              binds.put("to", t.toEpochMilli());
            });
    query
        .before()
        .ifPresent(
            b -> {
              where.append(" and id < :before");
              binds.put("before", b);
            });
    List<ObjectNode> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select id, tenant_id, at, actor, action, target, outcome, message from"
                            + " audit_log"
                            + where
                            + " order by id desc limit :limit")
                    .bindMap(binds)
                    .bind("limit", query.limit() + 1)
                    .map(
                        (rs, ctx) -> {
                          ObjectNode entry = JSON.createObjectNode();
                          entry.put("id", rs.getLong(1));
                          entry.put("tenant", rs.getString(2));
                          entry.put("at", Instant.ofEpochMilli(rs.getLong(3)).toString());
                          entry.put("actor", rs.getString(4));
                          entry.put("action", rs.getString(5));
                          entry.put("target", rs.getString(6));
                          entry.put("outcome", rs.getString(7));
                          entry.put("message", rs.getString(8));
                          return entry;
                        })
                    .list());
    if (rows.size() <= query.limit()) {
      return new Page(rows, Optional.empty());
    }
    List<ObjectNode> page = rows.subList(0, query.limit());
    return new Page(List.copyOf(page), Optional.of(page.get(page.size() - 1).path("id").asLong()));
  }
}
