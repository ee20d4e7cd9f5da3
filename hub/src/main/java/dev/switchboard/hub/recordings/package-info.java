/**
 * Recordings played through the hub: {@code GET /v1/calls/{callid}/recording} fetches the PBX's
 * file after the caller's scope check, with range requests passed through, and only from the hosts
 * the tenant's PBX settings allow, so the endpoint cannot be made to fetch anything else.
 */
package dev.switchboard.hub.recordings;
