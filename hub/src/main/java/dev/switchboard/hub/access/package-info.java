/**
 * What each caller may see: the scope of calls, agents and stream changes that follows from a
 * {@link dev.switchboard.hub.users.Caller}'s role, extension and queues. Every {@code /v1} route
 * asks here; none decides scope by itself.
 */
package dev.switchboard.hub.access;
