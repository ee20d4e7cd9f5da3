/**
 * What the hub and the PBX emulator share about their settings: {@link
 * dev.switchboard.settings.SettingsException}, the one error for a bad setting, whose message names
 * it; and {@link dev.switchboard.settings.ListenAddress}, which says in words why a server cannot
 * listen where it was told to.
 */
package dev.switchboard.settings;
