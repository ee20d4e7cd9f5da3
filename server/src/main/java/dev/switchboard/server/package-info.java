/**
 * What the hub and the PBX emulator share as servers: {@link
 * dev.switchboard.server.SettingsException}, the one error for a bad setting, whose message names
 * it; and {@link dev.switchboard.server.ListenAddress}, which says in words why a server cannot
 * listen where it was told to; {@link dev.switchboard.server.JettyErrorPages}, Jetty's own refusals
 * in the server's JSON error body, never quoting the request path.
 */
package dev.switchboard.server;
