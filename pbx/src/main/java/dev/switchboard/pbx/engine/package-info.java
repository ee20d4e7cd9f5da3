/**
 * The call-center engine: a discrete-event model on a simulated clock (running faster than real
 * time, or stepped by hand) of agents, queues and calls, producing exactly the webhooks a
 * VoiceCloud PBX sends, in either edition.
 */
package dev.switchboard.pbx.engine;
