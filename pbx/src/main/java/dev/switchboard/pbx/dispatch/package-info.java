/**
 * At-least-once delivery of the emulator's webhooks to each tenant's CRM. {@link
 * dev.switchboard.pbx.dispatch.WebhookDispatcher} writes every webhook to a durable outbox table
 * before it returns, sends it (HTTP GET with the seed's query string, or POST JSON) and retries any
 * reply other than HTTP 200 with exponential backoff and full jitter until a give-up time, after
 * which the webhook is kept as a dead letter that can be listed and replayed.
 *
 * <p>Webhooks that share an ordering key (a call's callid, an agent's extension) reach the CRM in
 * the order they were enqueued; different keys are sent in parallel. Every schedule decision reads
 * the injected {@link java.time.Clock}.
 */
package dev.switchboard.pbx.dispatch;
