package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.store.Pacing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Recomputes every call record from the event log, reports each one that differed from what was
 * stored, and stores the recomputed one. Not thread-safe; run while no webhooks arrive (or accept
 * that calls changing meanwhile are refolded by intake anyway).
 */
public final class CallRebuild {
  private final Jdbi jdbi;
  private final EventLog log;
  private final CallStore calls;
  private final Pacing pacing;

  /** A rebuild over the log and the call store. */
  public CallRebuild(Jdbi jdbi, EventLog log, CallStore calls) {
    this(jdbi, log, calls, Pacing.none());
  }

  /**
   * A rebuild paced by {@code pacing} between calls, so a serving hub writing to the same SQLite
   * file meanwhile gets the write lock in between.
   */
  public CallRebuild(Jdbi jdbi, EventLog log, CallStore calls, Pacing pacing) {
    this.jdbi = jdbi;
    this.log = log;
    this.calls = calls;
    this.pacing = pacing;
  }

  /** One call whose stored record differed from the recomputed one. */
  public record Difference(
      String tenantId, String callId, Optional<ObjectNode> stored, ObjectNode rebuilt) {}

  /** What the rebuild found. */
  public record Report(long calls, List<Difference> differences) {}

  /** How many calls the log holds. */
  public long countCalls() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from (select distinct tenant_id, callid from events where callid is not null) t")
                .mapTo(Long.class)
                .one());
  }

  /** Rebuilds every call, calling {@code progress} with the number done. */
  public Report run(LongConsumer progress) {
    List<String[]> keys =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select distinct tenant_id, callid from events where callid is not null order by tenant_id, callid")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list());
    List<Difference> differences = new ArrayList<>();
    long done = 0;
    for (String[] key : keys) {
      jdbi.useTransaction(
          handle -> {
            var events = log.eventsOfCall(handle, key[0], key[1]);
            Call call = CallFold.fold(key[0], key[1], events);
            long lastSeq = events.get(events.size() - 1).seq();
            ObjectNode rebuilt = CallJson.toJson(call);
            rebuilt.put("last_seq", lastSeq);
            Optional<ObjectNode> stored = calls.find(handle, key[0], key[1]);
            if (stored.isEmpty() || !stored.get().toString().equals(rebuilt.toString())) {
              differences.add(new Difference(key[0], key[1], stored, rebuilt));
              calls.save(handle, call, lastSeq);
            }
          });
      pacing.afterCommit();
      progress.accept(++done);
    }
    return new Report(keys.size(), List.copyOf(differences));
  }
}
