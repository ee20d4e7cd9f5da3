/**
 * The PBX emulator: {@link dev.switchboard.pbx.Pbx} wires the call-center engine, the traffic
 * generator, the webhook dispatcher and the VoiceCloud-compatible API behind one HTTP server.
 */
package dev.switchboard.pbx;
