/**
 * CRM to PBX calls: the six VoiceCloud API requests (click-to-call, extension status, spy, queue
 * members, pause in queue, call records) as validated records under {@link
 * dev.switchboard.protocol.api.PbxRequest}, their replies, and the exact wire form of each (path
 * and compact JSON body), written by the CRM side and read back by the PBX emulator. Parsers throw
 * nothing but {@link dev.switchboard.protocol.ProtocolException} for bad input, and the company
 * {@link dev.switchboard.protocol.api.PbxKey} never shows in a {@code toString} or an error
 * message.
 */
package dev.switchboard.protocol.api;
