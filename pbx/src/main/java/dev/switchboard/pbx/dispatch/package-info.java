/**
 * Delivery of the emulator's webhooks to each tenant's CRM. {@link
 * dev.switchboard.pbx.dispatch.WebhookDispatcher} writes every webhook to a durable outbox table
 * before it returns, claims it in the database before it sends it (HTTP GET with the seed's query
 * string and curl's headers, or POST JSON), and retries any failure with exponential backoff and
 * full jitter until a give-up time; a webhook the CRM refuses (a 4xx other than 408, 425 and 429)
 * gets a few tries only. Either way it ends as a dead letter that can be listed and replayed.
 *
 * <p>A webhook answered with HTTP 200 is sent exactly once, also when several dispatchers (in one
 * process or several) share the outbox; a claim whose owner died is taken over when its lease
 * expires. Webhooks that share an ordering key (a call's callid, an agent's extension) reach the
 * CRM in the order they were enqueued; different keys are sent in parallel. Schedule decisions read
 * the injected {@link java.time.Clock}, leases a real-time one.
 */
package dev.switchboard.pbx.dispatch;
