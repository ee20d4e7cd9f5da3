/**
 * What every HTTP route of the hub shares: the API's error type, mapped to a JSON error in one
 * place; what tells a client's mistake in the request itself from the hub's failure ({@code
 * ClientMistakes}, {@code RequestPaths}, {@code UnicodeText}), and Jetty's own refusals in the same
 * shapes; query-parameter readers that name the bad parameter.
 */
package dev.switchboard.hub.http;
