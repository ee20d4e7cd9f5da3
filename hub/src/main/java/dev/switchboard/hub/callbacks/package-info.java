/**
 * Missed-call follow-up: every unanswered inbound call becomes a callback item, one per customer,
 * queue and tenant-local day, resolved by the next connected call with the same number or closed by
 * hand with a reason. Items are a pure function of the call records (so a rebuild of the calls
 * reproduces them exactly); only the hand closes are stored on their own.
 */
package dev.switchboard.hub.callbacks;
