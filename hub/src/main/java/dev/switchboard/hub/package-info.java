/**
 * The hub: the CRM side of Switchboard. {@link dev.switchboard.hub.Hub} wires the features (intake,
 * events, calls, agents, contacts, stream, tenants) and runs them behind one HTTP server.
 */
package dev.switchboard.hub;
