/**
 * Log lines that never carry a secret, whoever wrote them (our code, Jetty, Javalin, a driver):
 * {@link dev.switchboard.server.logging.RedactingEncoder} masks webhook tokens, bearer tokens and
 * company keys in every formatted line, stack traces included, before it is written.
 */
package dev.switchboard.server.logging;
