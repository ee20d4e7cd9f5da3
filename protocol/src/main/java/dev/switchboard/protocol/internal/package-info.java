/**
 * Checks shared by every wire message of the protocol module (identifier limits, printable text,
 * quoting values in error messages). Not for other modules: its contents may change at any time.
 */
package dev.switchboard.protocol.internal;
