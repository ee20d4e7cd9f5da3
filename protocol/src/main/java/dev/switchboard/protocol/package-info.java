/**
 * The VoiceCloud call-center contract, both editions of its documents, as typed Java. Subpackages:
 * {@code webhook} (PBX to CRM events), {@code api} (CRM to PBX calls), {@code phone} (numbers).
 * Nothing here does I/O; everything is immutable and safe to share between threads.
 */
package dev.switchboard.protocol;
