package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * How long an agent spent talking, available ({@code on}) and paused within a time range, from the
 * agent status history: each status lasts until the next one, clipped to the range (the status in
 * effect when the range starts counts from its start). Occupancy = talk / (talk + available). Not
 * thread-safe.
 */
final class StatusTimes {
  long talkMillis;
  long availableMillis;
  long pausedMillis;

  /** The times of {@code extension} in {@code [from, to)}. */
  static StatusTimes of(Handle handle, String tenantId, String extension, long from, long to) {
    StatusTimes times = new StatusTimes();
    if (to <= from) {
      return times;
    }
    String[] status = {null};
    long[] since = {from};
    handle
        .createQuery(
            "select status, started_at from agent_status_history where tenant_id = :tenant and"
                + " extension = :extension and ((started_at >= :from and started_at < :to) or seq ="
                + " (select max(seq) from agent_status_history where tenant_id = :tenant and"
                + " extension = :extension and started_at < :from)) order by started_at, seq")
        .bind("tenant", tenantId)
        .bind("extension", extension)
        .bind("from", from)
        .bind("to", to)
        .map(
            (rs, ctx) -> {
              long start = Math.max(from, rs.getLong(2));
              times.count(status[0], start - since[0]);
              status[0] = rs.getString(1);
              since[0] = start;
              return null;
            })
        .forEach(ignored -> {});
    times.count(status[0], to - since[0]);
    return times;
  }

  private void count(String status, long millis) {
    if (status == null || millis <= 0) {
      return;
    }
    switch (status) {
      case "talk" -> talkMillis += millis;
      case "on" -> availableMillis += millis;
      case "pause" -> pausedMillis += millis;
      default -> {}
    }
  }

  void writeTo(ObjectNode out) {
    out.put("status_talk_seconds", talkMillis / 1000);
    out.put("available_seconds", availableMillis / 1000);
    out.put("pause_seconds", pausedMillis / 1000);
    QueueFigures.ratio(out, "occupancy", talkMillis, talkMillis + availableMillis);
  }
}
