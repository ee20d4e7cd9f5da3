package dev.switchboard.server.testing;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Requests sent a byte or a few at a time, stalled in the request line, the head or the body,
 * abandoned half-way, or cut short slowly. Stateless.
 */
final class SlowClientAttacks {
  private SlowClientAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a byte at a time",
            (draft, random) -> {
              draft.pacing = Pacing.inPieces(1, Duration.ofMillis(1 + random.nextInt(2)));
              return "1-byte pieces";
            }),
        Attack.of(
            "small pieces with pauses",
            (draft, random) -> {
              int size = 1 + random.nextInt(16);
              draft.pacing = Pacing.inPieces(size, Duration.ofMillis(5 + random.nextInt(20)));
              return size + "-byte pieces";
            }),
        Attack.of(
            "a stall in the request line",
            (draft, random) -> {
              int at = 1 + random.nextInt(Math.max(1, draft.render().indexOf("\r\n")));
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled at byte " + at;
            }),
        Attack.of(
            "a stall between head and body",
            (draft, random) -> {
              draft.bodyOrSmallJson(random);
              int at = draft.render().indexOf("\r\n\r\n") + 4;
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled before the body";
            }),
        Attack.of(
            "a stall inside the body",
            (draft, random) -> {
              draft.bodyOrSmallJson(random);
              String rendered = draft.render();
              int start = rendered.indexOf("\r\n\r\n") + 4;
              int at = start + random.nextInt(Math.max(1, rendered.length() - start));
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled at byte " + at;
            }),
        Attack.of(
            "a request abandoned half-way",
            (draft, random) -> {
              int at = 1 + random.nextInt(Math.max(1, draft.render().length() - 1));
              draft.pacing = Pacing.abandoned(at, Duration.ofMillis(50 + random.nextInt(300)));
              return "abandoned at byte " + at;
            }),
        Attack.of(
            "a slow body cut short",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Content-Length: "
                      + (body.length() + 50)
                      + "\r\n\r\n"
                      + body;
              draft.pacing = Pacing.inPieces(4, Duration.ofMillis(3));
              draft.halfClose = true;
              return "50 bytes short";
            }));
  }

  private static Duration stall(Random random) {
    return Duration.ofMillis(200 + random.nextInt(800));
  }
}
