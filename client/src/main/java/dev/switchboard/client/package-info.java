/**
 * A Java client for the VoiceCloud PBX API (CRM to PBX): {@link dev.switchboard.client.PbxClient}
 * places calls, reads extension and queue status, spies, pauses agents and queries call records,
 * over the JDK's {@code HttpClient}, with the protocol module's records on the wire. Every failure
 * is a {@link dev.switchboard.client.PbxClientException}; those worth retrying are marked {@link
 * dev.switchboard.client.RetryableException}. The company key never appears in a {@code toString},
 * a log line or an exception message. Compiled for Java 17, so CRM teams can use it on its own.
 */
package dev.switchboard.client;
