/**
 * The event log: every accepted webhook and every synthetic event (sweeps, reconciliation),
 * requests on unknown {@code /api/} paths and answers to the routing question, in commit order,
 * each with its raw text so it can be read again exactly. Appends are idempotent: an exact
 * duplicate is acknowledged and stored once.
 */
package dev.switchboard.hub.events;
