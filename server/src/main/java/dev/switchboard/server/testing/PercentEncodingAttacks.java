package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.List;

/**
 * Broken percent-encoding ({@code %u0041}, {@code %zz}, a lone {@code %}, encoded slashes and NULs)
 * in values, paths, names, secrets and form bodies. Stateless.
 */
final class PercentEncodingAttacks {
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

  private PercentEncodingAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "bad escape in a value",
            (draft, random) -> {
              Slot slot = draft.urlValue(random);
              String bad = Attack.pick(random, BAD_ESCAPES);
              slot.setRaw(Attack.placed(random, slot.raw(), bad));
              return bad + " in " + slot.name();
            }),
        Attack.of(
            "bad escape in a fixed path segment",
            (draft, random) -> {
              String bad = Attack.pick(random, BAD_ESCAPES);
              int at = draft.fixedSegment(random);
              Segment segment = draft.path.get(at);
              draft.path.set(at, new Segment(Attack.placed(random, segment.text(), bad), false));
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
              draft
                  .secret()
                  .ifPresent(secret -> draft.replaceSecret(Attack.placed(random, secret, bad)));
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
              Slot slot = draft.urlValue(random);
              String bad =
                  Attack.pick(
                      random, "%2F", "%2f..%2f", "%2e%2e%2f%2e%2e", "..%2F..%2Fetc", "%5C..%5C");
              slot.setRaw(slot.raw() + bad);
              return bad + " in " + slot.name();
            }));
  }
}
