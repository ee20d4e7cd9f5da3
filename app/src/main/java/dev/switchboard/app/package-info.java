/**
 * The {@code switchboard} command line: picocli wiring of every subcommand. Each subcommand lives
 * in its own package beside this one.
 */
package dev.switchboard.app;
