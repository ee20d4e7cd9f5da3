/**
 * JMH micro-benchmarks of the hub's hot paths: {@link dev.switchboard.jmh.WebhookParsing} (a
 * webhook's query to a typed event), {@link dev.switchboard.jmh.CallFolding} (a call's events to
 * its record) and {@link dev.switchboard.jmh.BatchWriting} (the intake writer committing a batch to
 * SQLite). Run {@code java -jar jmh/target/benchmarks.jar}.
 */
package dev.switchboard.jmh;
