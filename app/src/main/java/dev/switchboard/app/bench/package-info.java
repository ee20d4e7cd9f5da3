/**
 * {@code switchboard bench}: measures what the product promises (intake throughput and latency) on
 * this machine and prints the figures, with the load generated in-process over real HTTP.
 */
package dev.switchboard.app.bench;
