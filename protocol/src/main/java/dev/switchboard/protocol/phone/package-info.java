/**
 * Phone numbers as the PBX writes them, with their E.164 form (libphonenumber, Vietnam by default)
 * for matching. Immutable and thread-safe.
 */
package dev.switchboard.protocol.phone;
