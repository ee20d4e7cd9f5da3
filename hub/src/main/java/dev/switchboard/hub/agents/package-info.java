/**
 * The live board of agent statuses, fed by {@code Agent/ChangeStatus} and by call events (ringing,
 * talking), with every change kept in a history for occupancy reports.
 */
package dev.switchboard.hub.agents;
