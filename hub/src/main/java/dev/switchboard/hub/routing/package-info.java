/**
 * Sticky routing: the answer to the PBX's question "which agent should this caller ring?" ({@code
 * {CRM_URL}/api/callcenter/route?phone=}), by each tenant's policy (off by default): the contact's
 * owner, then the agent who last talked with the number; never an agent who is off. Every answer is
 * logged.
 */
package dev.switchboard.hub.routing;
