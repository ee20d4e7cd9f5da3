package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/**
 * Paths, queries, bodies and JSON far larger or deeper than anything legitimate, and
 * Content-Lengths beyond any limit. Stateless.
 */
final class OversizeAttacks {
  private OversizeAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a long path parameter or segment",
            (draft, random) -> {
              int length = Attack.pick(random, 2_000, 9_000, 70_000);
              String big = "a".repeat(length);
              List<Slot> path =
                  draft.values().stream().filter(s -> s.kind() == Slot.Kind.PATH).toList();
              if (path.isEmpty()) {
                draft.path.add(new Target.Segment(big, false));
                draft.changedRoute = true;
              } else {
                Attack.pick(random, path).setRaw(big);
              }
              return length + " bytes";
            }),
        Attack.of(
            "a long query value",
            (draft, random) -> {
              int length = Attack.pick(random, 1_000, 7_000, 20_000, 100_000);
              Slot slot = draft.urlValue(random);
              slot.setRaw("9".repeat(length));
              return length + " bytes for " + slot.name();
            }),
        Attack.of(
            "many query parameters",
            (draft, random) -> {
              int count = Attack.pick(random, 500, 2_000, 10_000);
              for (int i = 0; i < count; i++) {
                draft.query.add(new Field("p" + i, "1"));
              }
              return count + " parameters";
            }),
        Attack.of(
            "a huge body value",
            (draft, random) -> {
              int length = Attack.pick(random, 70_000, 300_000, 1_100_000, 3_000_000);
              Slot slot = draft.bodyValue(random);
              slot.setRawInside("z".repeat(length));
              return length + " bytes for " + slot.name();
            }),
        Attack.of(
            "many body fields",
            (draft, random) -> {
              int count = Attack.pick(random, 1_000, 20_000, 100_000);
              draft.bodyValue(random);
              for (int i = 0; i < count; i++) {
                draft.bodyFields.add(
                    new Field("f" + i, draft.bodyKind == Target.BodyKind.JSON ? "1" : "1"));
              }
              return count + " fields";
            }),
        Attack.of(
            "deeply nested JSON",
            (draft, random) -> {
              int depth = Attack.pick(random, 1_001, 5_000, 100_000);
              Slot slot = draft.bodyValue(random);
              if (draft.bodyKind == Target.BodyKind.JSON) {
                boolean arrays = random.nextBoolean();
                slot.setNumber(
                    arrays
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
              } else {
                slot.setRaw("%5B".repeat(depth));
              }
              return depth + " levels";
            }),
        Attack.of(
            "a Content-Length beyond any limit",
            (draft, random) -> {
              String length =
                  Attack.pick(
                      random, "1000000000", "99999999999", "9223372036854775807", "2147483648");
              String body = draft.body().isEmpty() ? "{}" : draft.body();
              draft.contentLength = false;
              draft.rawRequest = draft.head(body) + "Content-Length: " + length + "\r\n\r\n" + body;
              draft.halfClose = true;
              return length;
            }));
  }
}
