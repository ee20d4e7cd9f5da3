/**
 * Reconciliation with the PBX: its call records, pulled over a sliding window, fill calls whose
 * webhooks never arrived (through the event log, source {@code cdr-sync}); a periodic
 * extension-status poll corrects the live agent board (source {@code status-poll}); calls the PBX
 * announced with empty call data are looked up in its report one by one, when due.
 */
package dev.switchboard.hub.reconcile;
