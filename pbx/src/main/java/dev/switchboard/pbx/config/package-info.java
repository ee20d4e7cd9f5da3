/**
 * What the emulated PBX is made of: tenants (domain, key, CRM URL, edition, time zone), agents,
 * queues and numbers, from a YAML file or the built-in call center.
 */
package dev.switchboard.pbx.config;
