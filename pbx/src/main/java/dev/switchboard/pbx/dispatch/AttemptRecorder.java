package dev.switchboard.pbx.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what became of one attempt to the outbox, under the dispatcher's claim: delivered; failed
 * and due again after the backoff (never later than the give-up time, so the last attempt is made
 * at it); failed at or after the give-up time, hence dead; or refused by the CRM, due again after a
 * backoff counted from the first refusal until {@link DispatchSettings#refusedTries()} refusals,
 * then dead, so that the next webhook of its key goes on. Nothing is written when the claim was
 * lost (it expired and another dispatcher took the webhook over). The delivered marks of sends that
 * end together are committed as one group ({@link DeliveredMarks}). Logs name the webhook's path,
 * never the CRM's URL. Thread-safe.
 */
final class AttemptRecorder {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final OutboxClaims claims;
  private final DeliveredMarks marks;
  private final String owner;
  private final Clock clock;
  private final RetrySchedule retries;
  private final int refusedTries;
  private final DispatchMetrics metrics;

  AttemptRecorder(
      OutboxClaims claims,
      DeliveredMarks marks,
      String owner,
      Clock clock,
      DispatchSettings settings,
      DispatchMetrics metrics) {
    this.claims = claims;
    this.marks = marks;
    this.owner = owner;
    this.clock = clock;
    this.retries = new RetrySchedule(settings);
    this.refusedTries = settings.refusedTries();
    this.metrics = metrics;
  }

  void record(OutboxEntry entry, CrmSender.Outcome outcome) {
    switch (outcome) {
      case CrmSender.Delivered delivered -> delivered(entry, delivered);
      case CrmSender.Refused refused -> refused(entry, refused);
      case CrmSender.Failed failed -> failed(entry, failed.reason());
    }
  }

  private void delivered(OutboxEntry entry, CrmSender.Delivered reply) {
    Instant now = clock.instant();
    if (!marks.delivered(entry.id(), now)) {
      claimLost(entry, "delivered");
      return;
    }
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

  private void refused(OutboxEntry entry, CrmSender.Refused refused) {
    metrics.refused.increment();
    int refusals = entry.refusals() + 1;
    if (refusals < refusedTries) {
      retry(entry, refusals, refusals, refused.reason());
      return;
    }
    Instant now = clock.instant();
    if (!claims.dead(entry.id(), owner, now, refusals, refused.reason())) {
      claimLost(entry, "dead");
      return;
    }
    metrics.dead.increment();
    log.warn(
        "webhook {} {} of tenant {} (key {}) is a dead letter: the CRM refused it {} times ({});"
            + " the next webhook of its key goes on",
        entry.id(),
        entry.path(),
        entry.tenantId(),
        entry.orderingKey(),
        refusals,
        refused.reason());
  }

  private void failed(OutboxEntry entry, String reason) {
    retry(entry, entry.refusals(), entry.attempts() + 1, reason);
  }

  /** Due again after the backoff of the {@code backoffStep}-th failure, or dead past give-up. */
  private void retry(OutboxEntry entry, int refusals, int backoffStep, String reason) {
    Instant now = clock.instant();
    int failures = entry.attempts() + 1;
    if (!now.isBefore(entry.giveUpAt())) {
      if (!claims.dead(entry.id(), owner, now, refusals, reason)) {
        claimLost(entry, "dead");
        return;
      }
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
    Instant backoff = now.plus(retries.delayAfter(backoffStep));
    Instant due = backoff.isAfter(entry.giveUpAt()) ? entry.giveUpAt() : backoff;
    if (!claims.reschedule(entry.id(), owner, due, refusals, reason)) {
      claimLost(entry, "retried");
      return;
    }
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

  private void claimLost(OutboxEntry entry, String outcome) {
    metrics.claimsLost.increment();
    log.warn(
        "webhook {} {} of tenant {} not recorded as {}: its claim expired and another dispatcher"
            + " took it over (is the lease shorter than an attempt?)",
        entry.id(),
        entry.path(),
        entry.tenantId(),
        outcome);
  }
}
