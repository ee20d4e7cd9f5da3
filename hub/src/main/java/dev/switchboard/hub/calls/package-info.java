/**
 * Call records: one per (tenant, callid), derived from the call's logged events by {@link
 * dev.switchboard.hub.calls.CallFold} whatever order they arrived in, stored beside the log and
 * served by the API. Calls that never end are swept to outcome {@code unknown}; calls the PBX
 * announced without data wait in {@link dev.switchboard.hub.calls.CallLookups} to be looked up.
 */
package dev.switchboard.hub.calls;
