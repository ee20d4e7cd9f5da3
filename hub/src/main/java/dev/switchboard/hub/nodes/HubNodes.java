package dev.switchboard.hub.nodes;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code hub_nodes} table: one row per hub process that served HTTP, with its base URL. Rows of
 * processes that started more than {@link #KEPT} ago are deleted when a hub starts. Thread-safe
 * (each call takes its own connection).
 */
public final class HubNodes {
  /** How long the row of a hub that started is kept. */
  public static final Duration KEPT = Duration.ofDays(30);

  private final Jdbi jdbi;
  private final Clock clock;

  /** The table in {@code jdbi}'s database, timed by {@code clock}. */
  public HubNodes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Records that the hub {@code nodeId} serves at {@code baseUrl} from now on. */
  public void started(String nodeId, String baseUrl) {
    long now = clock.millis();
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate("delete from hub_nodes where started_at < :before or node_id = :id")
              .bind("before", now - KEPT.toMillis())
              .bind("id", nodeId)
              .execute();
          handle
              .createUpdate(
                  "insert into hub_nodes (node_id, base_url, started_at, seen_at) values (:id,"
                      + " :url, :now, :now)")
              .bind("id", nodeId)
              .bind("url", baseUrl)
              .bind("now", now)
              .execute();
        });
  }

  /** The base URL of the hub that started last, if any ever did. */
  public Optional<String> latestBaseUrl() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select base_url from hub_nodes order by started_at desc, node_id limit 1")
                .mapTo(String.class)
                .findFirst());
  }
}
