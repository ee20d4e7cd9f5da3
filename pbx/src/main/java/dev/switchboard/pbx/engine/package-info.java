/**
 * The call-center engine: a discrete-event model on a simulated clock (running faster than real
 * time, or stepped by hand) of agents, queues and calls, producing exactly the webhooks a
 * VoiceCloud PBX sends, in either edition. Each tenant's {@code CallCenter} wires a {@code
 * Distributor} (queues, each with its {@code RingStrategy}), a {@code Dialer} (outbound calls), and
 * {@code Hangups} (how calls end, written to the {@code CallLog}); {@code Call} and {@code Agent}
 * change only through their own transitions. Every operation reads the clock once, so a call's
 * webhook and report carry the same whole seconds.
 */
package dev.switchboard.pbx.engine;
