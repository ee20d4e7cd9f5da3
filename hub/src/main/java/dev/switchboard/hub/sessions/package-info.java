/**
 * Console sessions: log-in with a user name and password (throttled, with lock-out), the session
 * cookie (server-side, hashed id, idle and absolute expiry), the CSRF and Origin checks on every
 * state-changing request made with the cookie, and the one authentication of {@code /v1/*} that
 * yields the request's {@link dev.switchboard.hub.users.Caller}.
 */
package dev.switchboard.hub.sessions;
