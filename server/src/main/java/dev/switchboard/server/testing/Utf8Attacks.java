package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.List;

/**
 * Bytes that are no UTF-8, raw or escaped, in paths, queries, bodies, member names and headers, and
 * bodies in UTF-16 or with a byte-order mark. Stateless.
 */
final class Utf8Attacks {
  static final List<String> NOT_UTF8 =
      List.of(
          "\u00FF",
          "\u00C0\u00AF",
          "\u0080",
          "\u00E2\u0082",
          "\u00ED\u00A0\u0080",
          "\u00F8\u0088\u0080\u0080\u0080",
          "\u00FE\u00FF",
          "\u00C3\u0028",
          "\u00F4\u0090\u0080\u0080",
          "\u00C1\u00BF",
          "\u00E0\u0080\u00AF",
          "ab\u00BFcd");

  private Utf8Attacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "raw bytes in a path parameter or the path",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              List<Slot> path =
                  draft.values().stream().filter(s -> s.kind() == Slot.Kind.PATH).toList();
              if (path.isEmpty()) {
                int at = draft.fixedSegment(random);
                draft.path.set(at, new Segment(draft.path.get(at).text() + bad, false));
                draft.changedRoute = true;
              } else {
                Slot slot = Attack.pick(random, path);
                slot.setRaw(Attack.placed(random, slot.raw(), bad));
              }
              return Printable.of(bad, 40);
            }),
        Attack.of(
            "raw bytes in a query value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              List<Slot> query =
                  draft.values().stream().filter(s -> s.kind() == Slot.Kind.QUERY).toList();
              if (query.isEmpty()) {
                draft.query.add(new Field("q", bad));
              } else {
                Slot slot = Attack.pick(random, query);
                slot.setRaw(Attack.placed(random, slot.raw(), bad));
              }
              return Printable.of(bad, 40);
            }),
        Attack.of(
            "escaped bytes that are no UTF-8 in a value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              Slot slot = draft.urlValue(random);
              StringBuilder escaped = new StringBuilder();
              bad.chars().forEach(c -> escaped.append(String.format("%%%02X", c)));
              slot.setRaw(Attack.placed(random, slot.raw(), escaped.toString()));
              return escaped + " in " + slot.name();
            }),
        Attack.of(
            "raw bytes in a body value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              Slot slot = draft.bodyValue(random);
              slot.setRawInside(Attack.placed(random, slot.text(), bad));
              return Printable.of(bad, 40) + " in " + slot.name();
            }),
        Attack.of(
            "raw bytes in a JSON member name",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              draft.bodyValue(random);
              String body = draft.body();
              draft.rawBody =
                  draft.bodyKind == Target.BodyKind.JSON
                      ? "{\"na" + bad + "me\":1," + body.substring(1)
                      : "na" + bad + "me=1&" + body;
              return Printable.of(bad, 40);
            }),
        Attack.of(
            "raw bytes in a header value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              String name =
                  Attack.pick(
                      random,
                      "User-Agent",
                      "X-Request-Id",
                      "Accept",
                      "Authorization",
                      "Content-Type",
                      "Origin");
              draft.setHeader(
                  name,
                  Attack.placed(
                      random, name.equals("Content-Type") ? "application/json" : "value", bad));
              return Printable.of(bad, 40) + " in " + name;
            }),
        Attack.of(
            "a body in UTF-16 or with a byte-order mark",
            (draft, random) -> {
              draft.bodyValue(random);
              String body = draft.body();
              boolean sixteen = random.nextBoolean();
              if (sixteen) {
                StringBuilder utf16 = new StringBuilder("\u00FF\u00FE");
                body.chars().forEach(c -> utf16.append((char) c).append('\u0000'));
                draft.rawBody = utf16.toString();
              } else {
                draft.rawBody = "\u00EF\u00BB\u00BF" + body;
              }
              return sixteen ? "UTF-16LE" : "UTF-8 BOM";
            }));
  }
}
