package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.List;
import java.util.Random;

/** Broken percent-encoding, bytes that are no UTF-8, and control bytes, in every part. */
final class EncodingAttacks {
  /** Escapes no decoder should accept, or that decode to something no route should take. */
  static final List<String> BAD_ESCAPES =
      List.of(
          "%",
          "%4",
          "%zz",
          "%u0041",
          "%U0041",
          "%u00e9",
          "%%",
          "%%41",
          "%-1",
          "%+1",
          "%4g",
          "%G0",
          "abc%",
          "%2",
          "%C3",
          "%C3%28",
          "%ED%A0%80",
          "%C0%AF",
          "%FF%FE",
          "%00",
          "%2F",
          "%5C",
          "%2e%2e",
          "%252F",
          "%E2%82",
          "%F4%90%80%80",
          "%uD800",
          "%u",
          "%u12");

  /** Byte sequences that are not UTF-8 (one char a byte). */
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

  /** Control bytes. */
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

  private EncodingAttacks() {}

  static List<Attack> brokenPercentEncoding() {
    return List.of(
        Attack.of(
            "bad escape in a value",
            (draft, random) -> {
              Slot slot = urlValue(draft, random);
              String bad = Attack.pick(random, BAD_ESCAPES);
              slot.setRaw(placed(random, slot.raw(), bad));
              return bad + " in " + slot.name();
            }),
        Attack.of(
            "bad escape in a fixed path segment",
            (draft, random) -> {
              String bad = Attack.pick(random, BAD_ESCAPES);
              int at = fixedSegment(draft, random);
              Segment segment = draft.path.get(at);
              draft.path.set(at, new Segment(placed(random, segment.text(), bad), false));
              draft.changedRoute = true;
              return bad + " in /" + segment.text();
            }),
        Attack.of(
            "bad escape in a parameter name",
            (draft, random) -> {
              String bad = Attack.pick(random, BAD_ESCAPES);
              draft.query.add(new Field("na" + bad + "me", "1"));
              return bad;
            }),
        Attack.of(
            "bad escape in the secret",
            (draft, random) -> {
              String bad = Attack.pick(random, BAD_ESCAPES);
              draft.secret().ifPresent(secret -> draft.replaceSecret(placed(random, secret, bad)));
              if (draft.secret().isEmpty()) {
                draft.setHeader("Authorization", "Bearer " + bad);
              }
              return bad;
            }),
        Attack.of(
            "bad escape in a form body",
            (draft, random) -> {
              String bad = Attack.pick(random, BAD_ESCAPES);
              draft.setHeader("Content-Type", "application/x-www-form-urlencoded");
              draft.rawBody = "a=" + bad + "&b" + bad + "=2";
              return bad;
            }),
        Attack.of(
            "an escaped slash or dot segment in a parameter",
            (draft, random) -> {
              Slot slot = urlValue(draft, random);
              String bad =
                  Attack.pick(
                      random, "%2F", "%2f..%2f", "%2e%2e%2f%2e%2e", "..%2F..%2Fetc", "%5C..%5C");
              slot.setRaw(slot.raw() + bad);
              return bad + " in " + slot.name();
            }));
  }

  static List<Attack> invalidUtf8() {
    return List.of(
        Attack.of(
            "raw bytes in a path parameter or the path",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              List<Slot> path =
                  draft.values().stream().filter(s -> s.kind() == Slot.Kind.PATH).toList();
              if (path.isEmpty()) {
                int at = fixedSegment(draft, random);
                draft.path.set(at, new Segment(draft.path.get(at).text() + bad, false));
                draft.changedRoute = true;
              } else {
                Slot slot = Attack.pick(random, path);
                slot.setRaw(placed(random, slot.raw(), bad));
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
                slot.setRaw(placed(random, slot.raw(), bad));
              }
              return Printable.of(bad, 40);
            }),
        Attack.of(
            "escaped bytes that are no UTF-8 in a value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              Slot slot = urlValue(draft, random);
              StringBuilder escaped = new StringBuilder();
              bad.chars().forEach(c -> escaped.append(String.format("%%%02X", c)));
              slot.setRaw(placed(random, slot.raw(), escaped.toString()));
              return escaped + " in " + slot.name();
            }),
        Attack.of(
            "raw bytes in a body value",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              Slot slot = bodyValue(draft, random);
              slot.setRawInside(placed(random, slot.text(), bad));
              return Printable.of(bad, 40) + " in " + slot.name();
            }),
        Attack.of(
            "raw bytes in a JSON member name",
            (draft, random) -> {
              String bad = Attack.pick(random, NOT_UTF8);
              bodyValue(draft, random);
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
                  placed(random, name.equals("Content-Type") ? "application/json" : "value", bad));
              return Printable.of(bad, 40) + " in " + name;
            }),
        Attack.of(
            "a body in UTF-16 or with a byte-order mark",
            (draft, random) -> {
              bodyValue(draft, random);
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

  static List<Attack> controlBytes() {
    return List.of(
        Attack.of(
            "a control byte in the path or query",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              Slot slot = urlValue(draft, random);
              slot.setRaw(placed(random, slot.raw(), bad));
              return Printable.of(bad, 20) + " in " + slot.name();
            }),
        Attack.of(
            "a control byte in a fixed path segment",
            (draft, random) -> {
              String bad = Attack.pick(random, CONTROLS);
              int at = fixedSegment(draft, random);
              draft.path.set(
                  at, new Segment(placed(random, draft.path.get(at).text(), bad), false));
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
              draft.setHeader(name, placed(random, value, bad));
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
              Slot slot = bodyValue(draft, random);
              slot.setRawInside(placed(random, slot.text(), bad));
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
              slot.setText(placed(random, slot.text(), bad));
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

  /** A value read from the URL (path parameter, query or form), or a new query parameter. */
  static Slot urlValue(Draft draft, Random random) {
    List<Slot> slots = draft.values().stream().filter(s -> s.kind() != Slot.Kind.JSON).toList();
    if (slots.isEmpty()) {
      draft.query.add(new Field("q", "1"));
      return draft.values().stream()
          .filter(s -> s.kind() == Slot.Kind.QUERY)
          .reduce((a, b) -> b)
          .orElseThrow();
    }
    return Attack.pick(random, slots);
  }

  /** A value of the body; a request without one is given a JSON body first. */
  static Slot bodyValue(Draft draft, Random random) {
    List<Slot> slots =
        draft.values().stream()
            .filter(s -> s.kind() == Slot.Kind.JSON || s.kind() == Slot.Kind.FORM)
            .toList();
    if (slots.isEmpty()) {
      if (draft.bodyKind == Target.BodyKind.NONE) {
        draft.bodyKind = Target.BodyKind.JSON;
        draft.setHeader("Content-Type", "application/json");
      }
      draft.bodyFields.add(
          new Field("note", draft.bodyKind == Target.BodyKind.JSON ? "\"text\"" : "text"));
      slots =
          draft.values().stream()
              .filter(s -> s.kind() == Slot.Kind.JSON || s.kind() == Slot.Kind.FORM)
              .toList();
    }
    return Attack.pick(random, slots);
  }

  /** The index of a path segment that is not a parameter. */
  static int fixedSegment(Draft draft, Random random) {
    List<Integer> fixed = new java.util.ArrayList<>();
    for (int i = 0; i < draft.path.size(); i++) {
      if (!draft.path.get(i).parameter() && !draft.path.get(i).text().isEmpty()) {
        fixed.add(i);
      }
    }
    return fixed.isEmpty() ? 0 : Attack.pick(random, fixed);
  }

  /** {@code bad} instead of, before, inside or after {@code value}. */
  static String placed(Random random, String value, String bad) {
    return switch (random.nextInt(4)) {
      case 0 -> bad;
      case 1 -> bad + value;
      case 2 -> value.substring(0, value.length() / 2) + bad + value.substring(value.length() / 2);
      default -> value + bad;
    };
  }
}
