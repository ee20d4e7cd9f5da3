/**
 * {@code switchboard hub} and its maintenance commands (tenants, rebuild, contact import, sync),
 * sharing one way of loading the hub's configuration ({@link dev.switchboard.app.hub.HubOptions}).
 */
package dev.switchboard.app.hub;
