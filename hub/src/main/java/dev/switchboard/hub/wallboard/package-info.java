/**
 * What the console's live pages read at load, before following the stream: the wallboard ({@code
 * GET /v1/wallboard}: agent tiles, queue cards with today's KPIs, live calls) and the open
 * screen-pops ({@code GET /v1/screen-pops}), each cut to the caller's scope.
 */
package dev.switchboard.hub.wallboard;
