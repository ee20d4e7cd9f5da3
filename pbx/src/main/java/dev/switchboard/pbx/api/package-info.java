/**
 * The emulator's HTTP surface for CRMs and test tooling. {@link
 * dev.switchboard.pbx.api.PbxApiRoutes} serves the VoiceCloud PBX API at the documents' paths,
 * authenticated by the company key (and domain for click-to-call), with the reply bodies of
 * docs/protocol.md; {@link dev.switchboard.pbx.api.ControlRoutes} is the control API of
 * docs/pbx-control-api.md (scripted calls, agents' phones, the simulated clock). Every failure is
 * {@code {"result":null,"message":"..."}} with a 4xx status naming the problem, mapped in {@link
 * dev.switchboard.pbx.api.ErrorReplies}; no reply or log line carries the key.
 */
package dev.switchboard.pbx.api;
