/**
 * Webhook intake: the five seed paths per tenant (with the real PBX's ring notifications and
 * pending call data), parsed by the protocol module, rate-limited, and committed by one
 * group-commit writer that appends to the log and updates everything derived from it in the same
 * transaction. A 200 reply means the event is durable; a 503 means it was not stored (a webhook the
 * writer has not taken within seconds is withdrawn, never written later), save the one case it says
 * it may be. Every webhook is answered within 5 seconds. Any other path under {@code /api/} is kept
 * raw and acknowledged; the routing question is handed to its answerer. The replay of what a
 * resuming stream client missed lives here too, beside the projection it rebuilds.
 */
package dev.switchboard.hub.intake;
