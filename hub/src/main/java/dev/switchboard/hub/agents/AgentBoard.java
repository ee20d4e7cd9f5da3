package dev.switchboard.hub.agents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The live board of agent statuses and their history (for occupancy reports). Written by the intake
 * writer inside its transaction; read by the API. Thread-safe.
 */
public final class AgentBoard {
  private final Jdbi jdbi;

  /** A board over {@code jdbi}. */
  public AgentBoard(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The current status of one extension. */
  public Optional<AgentStatus> current(Handle handle, String tenantId, String extension) {
    return handle
        .createQuery(
            "select tenant_id, extension, status, since, callid, last_seq from agents where"
                + " tenant_id = :tenant and extension = :extension")
        .bind("tenant", tenantId)
        .bind("extension", extension)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  /**
   * Sets an extension's status, recording the change in its history; returns the new status, or
   * empty when it already was that status for that call (nothing is written then). The same status
   * with a call id it did not have only records the call id (no history entry). {@code before} is
   * its current status, as {@link #current} gives it.
   */
  public Optional<AgentStatus> set(
      Handle handle,
      Optional<AgentStatus> before,
      String tenantId,
      String extension,
      String status,
      Instant at,
      long seq,
      Optional<String> callId) {
    if (before.filter(b -> b.status().equals(status)).isPresent()) {
      // Same status (the PBX's ChangeStatus often comes first): learn which call it is for, so
      // the call's end frees the agent.
      if (callId.isPresent() && !callId.equals(before.get().callId())) {
        handle
            .createUpdate(
                "update agents set callid = :callid where tenant_id = :tenant and extension = :extension")
            .bind("callid", callId.get())
            .bind("tenant", tenantId)
            .bind("extension", extension)
            .execute();
        return Optional.of(
            new AgentStatus(
                tenantId, extension, status, before.get().since(), callId, before.get().lastSeq()));
      }
      return Optional.empty();
    }
    AgentStatus after = new AgentStatus(tenantId, extension, status, at, callId, seq);
    handle
        .createUpdate(
            "insert into agents (tenant_id, extension, status, since, last_seq, callid) values"
                + " (:tenant, :extension, :status, :since, :seq, :callid) on conflict (tenant_id,"
                + " extension) do update set status = excluded.status, since = excluded.since,"
                + " last_seq = excluded.last_seq, callid = excluded.callid")
        .bind("tenant", tenantId)
        .bind("extension", extension)
        .bind("status", status)
        .bind("since", at.toEpochMilli())
        .bind("seq", seq)
        .bind("callid", callId.orElse(null))
        .execute();
    handle
        .createUpdate(
            "insert into agent_status_history (tenant_id, extension, status, started_at, seq) values"
                + " (:tenant, :extension, :status, :since, :seq)")
        .bind("tenant", tenantId)
        .bind("extension", extension)
        .bind("status", status)
        .bind("since", at.toEpochMilli())
        .bind("seq", seq)
        .execute();
    return Optional.of(after);
  }

  /** Every agent of one tenant, by extension, inside the caller's transaction. */
  public List<AgentStatus> list(Handle handle, String tenantId) {
    return handle
        .createQuery(
            "select tenant_id, extension, status, since, callid, last_seq from agents where"
                + " tenant_id = :tenant order by extension")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  /** Every agent's status, of one tenant or all, by tenant and extension. */
  public List<AgentStatus> list(Optional<String> tenantId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select tenant_id, extension, status, since, callid, last_seq from agents"
                        + (tenantId.isPresent() ? " where tenant_id = :tenant" : "")
                        + " order by tenant_id, extension")
                .bindMap(
                    tenantId.isPresent()
                        ? java.util.Map.of("tenant", tenantId.get())
                        : java.util.Map.of())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /** One status history entry: the status and when it began. */
  public record HistoryEntry(String status, Instant startedAt) {}

  /**
   * An extension's status history from {@code from}, oldest first, starting with the status in
   * effect at {@code from} (so an occupancy calculation knows where it starts).
   */
  public List<HistoryEntry> history(String tenantId, String extension, Instant from) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select status, started_at from agent_status_history where tenant_id = :tenant and"
                        + " extension = :extension and (started_at >= :from or seq = (select max(seq) from"
                        + " agent_status_history where tenant_id = :tenant and extension = :extension and"
                        + " started_at < :from)) order by started_at, seq")
                .bind("tenant", tenantId)
                .bind("extension", extension)
                .bind("from", from.toEpochMilli())
                .map(
                    (rs, ctx) ->
                        new HistoryEntry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .list());
  }

  private static AgentStatus read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AgentStatus(
        rs.getString("tenant_id"),
        rs.getString("extension"),
        rs.getString("status"),
        Instant.ofEpochMilli(rs.getLong("since")),
        Optional.ofNullable(rs.getString("callid")),
        rs.getLong("last_seq"));
  }
}
