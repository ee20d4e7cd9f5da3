/**
 * The hub's configuration: one small record per concern, bound from flags, the environment and a
 * YAML file, validated at start with messages that name the setting.
 */
package dev.switchboard.hub.config;
