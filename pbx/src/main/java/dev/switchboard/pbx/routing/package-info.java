/**
 * Sticky routing: before an inbound call to a queue enters the engine, the emulator asks the
 * tenant's CRM which extension should take it ({@code GET {CRM_URL}/api/callcenter/route?phone=}),
 * as a real VoiceCloud PBX does. The question is bounded by the tenant's real-time timeout and is
 * never asked under the engine's lock; every failure means "the queue as usual".
 */
package dev.switchboard.pbx.routing;
