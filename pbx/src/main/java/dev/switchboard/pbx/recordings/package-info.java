/**
 * Call recordings of the emulated PBX: {@code GET /play_audio/data/{callid}} serves a real,
 * playable WAV (PCM, 16-bit, mono, 8 kHz) generated on the fly, as long as the call's talk time
 * (capped at two minutes), for the URLs the call records carry. No audio files are bundled and no
 * recording is held in memory.
 */
package dev.switchboard.pbx.recordings;
