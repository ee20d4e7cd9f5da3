/**
 * Test kit for the protocol's property tests: the QuickTheories generators the library does not
 * ship (text from a character set, maps, a choice among generators of subtypes). Test code only.
 */
package dev.switchboard.protocol.testing;
