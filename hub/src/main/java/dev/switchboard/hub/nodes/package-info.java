/**
 * The hub processes that serve a database: each records the base URL it serves at when it starts,
 * so that commands run beside it (tenant add, rotate-token) print URLs that work.
 */
package dev.switchboard.hub.nodes;
