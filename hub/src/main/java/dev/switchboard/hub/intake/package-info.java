/**
 * Webhook intake: the five seed paths per tenant, parsed by the protocol module, rate-limited, and
 * committed by one group-commit writer that appends to the log and updates everything derived from
 * it in the same transaction. A 200 reply means the event is durable.
 */
package dev.switchboard.hub.intake;
