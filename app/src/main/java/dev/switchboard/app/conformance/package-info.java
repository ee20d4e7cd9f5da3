/**
 * {@code switchboard conformance}: grades any CRM's webhook endpoint against the VoiceCloud
 * contract by sending it the webhooks of a fixed set of scripted calls.
 */
package dev.switchboard.app.conformance;
