/**
 * Tenants: each company connected to one PBX, with its webhook token (stored hashed, compared in
 * constant time), time zone and allowed source networks.
 */
package dev.switchboard.hub.tenants;
