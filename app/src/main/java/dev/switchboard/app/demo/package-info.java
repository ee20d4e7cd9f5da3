/**
 * {@code switchboard demo}: the emulator and the hub in one process, wired to each other, with
 * traffic.
 */
package dev.switchboard.app.demo;
