/**
 * A kit of hostile HTTP requests, used by the hub's and the emulator's tests (with {@code
 * HostileSuite}, in this module's test-jar) and by {@code switchboard bench hostile}. {@link
 * dev.switchboard.server.testing.HostileGenerator} makes, from a list of {@link
 * dev.switchboard.server.testing.Target}s, the requests of each {@link
 * dev.switchboard.server.testing.Category} that no ordinary client sends (broken framing and
 * escapes, raw bytes, huge parts, odd methods, slow clients), seeded and repeatable; {@link
 * dev.switchboard.server.testing.HostileRun} sends them over raw sockets ({@link
 * dev.switchboard.server.testing.RawConnection}) and judges each outcome; {@code HostileSuite} is
 * what a test class calls.
 */
package dev.switchboard.server.testing;
