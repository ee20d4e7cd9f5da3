package dev.switchboard.hub.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the hub asked the PBX to do, by whom, when, and how it went: every click-to-call, pause and
 * spy. Thread-safe.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    return latest(tenantId, Optional.empty(), limit);
  }

  /** The latest entries of one tenant (all when empty) and one actor (all when empty). */
  public List<ObjectNode> latest(Optional<String> tenantId, Optional<String> actor, int limit) {
    java.util.Map<String, Object> binds = new java.util.HashMap<>();
    StringBuilder where = new StringBuilder(" where 1 = 1");
    tenantId.ifPresent(
        t -> {
          where.append(" and tenant_id = :tenant");
          binds.put("tenant", t);
        });
    actor.ifPresent(
        a -> {
          where.append(" and actor = :actor");
          binds.put("actor", a);
        });
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select tenant_id, at, actor, action, target, outcome, message from audit_log"
                        + where
                        + " order by id desc limit :limit")
                .bindMap(binds)
                .bind("limit", limit)
                .map(
                    (rs, ctx) -> {
                      ObjectNode entry = JSON.createObjectNode();
                      entry.put("tenant", rs.getString(1));
                      entry.put("at", Instant.ofEpochMilli(rs.getLong(2)).toString());
                      entry.put("actor", rs.getString(3));
                      entry.put("action", rs.getString(4));
                      entry.put("target", rs.getString(5));
                      entry.put("outcome", rs.getString(6));
                      entry.put("message", rs.getString(7));
                      return entry;
                    })
                .list());
  }
}
