/**
 * What every HTTP route of the hub shares: the API's error type, mapped to a JSON error in one
 * place, and query-parameter readers that name the bad parameter.
 */
package dev.switchboard.hub.http;
