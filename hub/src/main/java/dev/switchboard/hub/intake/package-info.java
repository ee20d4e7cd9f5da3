/**
 * Webhook intake: the five seed paths per tenant (with the real PBX's ring notifications and
 * pending call data), parsed by the protocol module, rate-limited, and committed by one
 * group-commit writer that appends to the log and updates everything derived from it in the same
 * transaction. A 200 reply means the event is durable. Any other path under {@code /api/} is kept
 * raw and acknowledged; the routing question is handed to its answerer.
 */
package dev.switchboard.hub.intake;
