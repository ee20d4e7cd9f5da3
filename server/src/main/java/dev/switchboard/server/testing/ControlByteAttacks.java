package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.List;

/**
 * Control bytes (NUL, bare CR or LF, tabs, DEL) in the request line, header names and values, and
 * bodies, raw and escaped. Stateless.
 */
final class ControlByteAttacks {
  static final List<String> CONTROLS =
      List.of(
          "\u0000",
          "\u0001",
          "\u0007",
          "\u0008",
          "\t",
          "\u000B",
          "\u000C",
          "\r",
          "\n",
          "\u001B",
          "\u007F",
          "\r\n",
          "\u0000\r\n");

  private ControlByteAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a control byte in the path or query",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              Slot slot = draft.urlValue(random);
              slot.setRaw(Attack.placed(random, slot.raw(), bad));
              return Printable.of(bad, 20) + " in " + slot.name();
            }),
        Attack.of(
            "a control byte in a fixed path segment",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              int at = draft.fixedSegment(random);
              draft.path.set(
                  at, new Segment(Attack.placed(random, draft.path.get(at).text(), bad), false));
              draft.changedRoute = true;
              return Printable.of(bad, 20);
            }),
        Attack.of(
            "a control byte in a header value",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              String name =
                  Attack.pick(
                      random,
                      "User-Agent",
                      "X-Request-Id",
                      "Authorization",
                      "Content-Type",
                      "Host");
              String value =
                  draft.headers.stream()
                      .filter(h -> h.name().equalsIgnoreCase(name))
                      .map(Field::value)
                      .findFirst()
                      .orElse("value");
              draft.setHeader(name, Attack.placed(random, value, bad));
              return Printable.of(bad, 20) + " in " + name;
            }),
        Attack.of(
            "a control byte in a header name",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              draft.addHeader("X-Na" + bad + "me", "1");
              return Printable.of(bad, 20);
            }),
        Attack.of(
            "a raw control byte in a body value",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              Slot slot = draft.bodyValue(random);
              slot.setRawInside(Attack.placed(random, slot.text(), bad));
              return Printable.of(bad, 20) + " in " + slot.name();
            }),
        Attack.of(
            "an escaped control character in a value",
            (draft, random) -> {
              String bad =
                  Attack.pick(
                      random,
                      "\u0000",
                      "\u0007",
                      "\r\n",
                      "\u001B[31m",
                      "\u007F",
                      "\u0085",
                      "\u2028");
              Slot slot =
                  Attack.pick(
                      random,
                      draft.values().isEmpty() ? List.of(draft.anyValue(random)) : draft.values());
              slot.setText(Attack.placed(random, slot.text(), bad));
              return Printable.of(Wire.utf8(bad), 20) + " in " + slot.name();
            }),
        Attack.of(
            "a control byte around the request line",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              String rendered = draft.render();
              int space = rendered.indexOf(' ');
              draft.rawRequest =
                  switch (random.nextInt(3)) {
                    case 0 -> bad + rendered;
                    case 1 -> rendered.substring(0, space) + bad + rendered.substring(space);
                    default ->
                        rendered.replaceFirst(
                            " HTTP/1\\.1\r\n", " HTTP/1.1" + bad.replace("\r\n", "") + "\r\n");
                  };
              return Printable.of(bad, 20);
            }));
  }
}
