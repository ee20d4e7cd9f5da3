package dev.switchboard.pbx.dispatch;

import dev.switchboard.pbx.dispatch.Destination.Method;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook the dispatcher gave up on: kept in the outbox until it is replayed. The CRM's base URL
 * is left out, as it may carry a secret token.
 *
 * @param id the outbox id, for {@link WebhookDispatcher#replay(long)}
 * @param orderingKey the key that ordered it (the callid, or {@code agent:<tenant>:<ext>})
 * @param pathAndQuery the webhook's path and query string, as sent after the base URL
 * @param attempts how many attempts failed
 * @param lastError why the last attempt failed, e.g. {@code HTTP 500} or {@code connection refused}
 */
public record DeadLetter(
    long id,
    String tenantId,
    String orderingKey,
    Method method,
    String pathAndQuery,
    Instant enqueuedAt,
    Instant deadAt,
    int attempts,
    String lastError) {

  /** Everything but the last error is required. */
  public DeadLetter {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(orderingKey, "orderingKey");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(deadAt, "deadAt");
  }
}
