/**
 * Hub actions on the PBX, through each tenant's {@code PbxClient}: click-to-call, pause and
 * unpause, spy, queue members with live status; every action audited. The tenant's PBX key stays
 * server-side.
 */
package dev.switchboard.hub.actions;
