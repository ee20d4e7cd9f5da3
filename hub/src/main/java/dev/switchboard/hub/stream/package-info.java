/**
 * The live stream: every call, agent and screen-pop change, pushed as Server-Sent Events once
 * committed, with the log sequence as event id, resumable with {@code Last-Event-ID}, and bounded
 * per client so a slow client never slows intake.
 */
package dev.switchboard.hub.stream;
