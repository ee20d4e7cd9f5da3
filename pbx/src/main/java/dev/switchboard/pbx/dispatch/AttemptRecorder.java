package dev.switchboard.pbx.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what became of one attempt to the outbox: delivered; failed and due again after the
 * backoff (never later than the give-up time, so the last attempt is made at it); or failed at or
 * after the give-up time, hence dead. Logs name the webhook's path, never the CRM's URL.
 * Thread-safe.
 */
final class AttemptRecorder {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Outbox outbox;
  private final Clock clock;
  private final RetrySchedule retries;
  private final DispatchMetrics metrics;

  AttemptRecorder(Outbox outbox, Clock clock, RetrySchedule retries, DispatchMetrics metrics) {
    this.outbox = outbox;
    this.clock = clock;
    this.retries = retries;
    this.metrics = metrics;
  }

  void record(OutboxEntry entry, CrmSender.Outcome outcome) {
    switch (outcome) {
      case CrmSender.Delivered delivered -> delivered(entry, delivered);
      case CrmSender.Failed failed -> failed(entry, failed.reason());
    }
  }

  private void delivered(OutboxEntry entry, CrmSender.Delivered reply) {
    Instant now = clock.instant();
    outbox.markDelivered(entry.id(), now);
    metrics.delivered(Duration.between(entry.enqueuedAt(), now));
    if (reply.seedReply()) {
      metrics.seedReplies.increment();
    } else {
      metrics.otherReplies.increment();
      log.debug(
          "tenant {} answered {} with HTTP 200 but not the seeds' body: {}",
          entry.tenantId(),
          entry.path(),
          reply.body());
    }
    log.debug("delivered webhook {} {} of tenant {}", entry.id(), entry.path(), entry.tenantId());
  }

  private void failed(OutboxEntry entry, String reason) {
    Instant now = clock.instant();
    int failures = entry.attempts() + 1;
    if (!now.isBefore(entry.giveUpAt())) {
      outbox.markDead(entry.id(), now, reason);
      metrics.dead.increment();
      log.warn(
          "gave up on webhook {} {} of tenant {} (key {}) after {} attempts: {}",
          entry.id(),
          entry.path(),
          entry.tenantId(),
          entry.orderingKey(),
          failures,
          reason);
      return;
    }
    Instant backoff = now.plus(retries.delayAfter(failures));
    Instant due = backoff.isAfter(entry.giveUpAt()) ? entry.giveUpAt() : backoff;
    outbox.reschedule(entry.id(), due, reason);
    metrics.retried.increment();
    log.debug(
        "webhook {} {} of tenant {} failed ({}), attempt {}; next at {}",
        entry.id(),
        entry.path(),
        entry.tenantId(),
        reason,
        failures,
        due);
  }
}
