package dev.switchboard.pbx.dispatch;

import java.time.Instant;

/**
 * One undelivered webhook as the outbox holds it, in the form it is sent.
 *
 * @param path the webhook's path, e.g. {@code /api/callcenter/hangup} (safe to log)
 * @param pathAndQuery what follows the CRM base URL in a GET
 * @param jsonBody the body of a POST JSON
 * @param attempts how many attempts were made since it was enqueued or replayed
 * @param refusals how many of those the CRM refused (a 4xx other than 408, 425 and 429)
 */
record OutboxEntry(
    long id,
    String tenantId,
    String orderingKey,
    Destination destination,
    String path,
    String pathAndQuery,
    String jsonBody,
    Instant enqueuedAt,
    Instant giveUpAt,
    int attempts,
    int refusals) {}
