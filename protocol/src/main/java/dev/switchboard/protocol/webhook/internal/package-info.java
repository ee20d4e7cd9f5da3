/**
 * Wire-level details of webhooks (query-string coding, calldate layouts, code lists, field checks)
 * shared inside the protocol module. Not for other modules: its contents may change at any time.
 */
package dev.switchboard.protocol.webhook.internal;
