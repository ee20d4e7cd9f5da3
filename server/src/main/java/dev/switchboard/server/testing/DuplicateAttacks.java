package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/**
 * The same value, header or parameter twice or a thousand times, and parameters without a name or a
 * value. Stateless.
 */
final class DuplicateAttacks {
  private DuplicateAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a value twice, differently",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String other = slot.kind() == Slot.Kind.JSON ? "\"other\"" : "other";
              boolean first = random.nextBoolean();
              String original = slot.raw();
              if (first) {
                slot.setRaw(other);
                slot.duplicate(original);
              } else {
                slot.duplicate(other);
              }
              return slot.name() + (first ? " other first" : " other last");
            }),
        Attack.of(
            "a value twice, the same",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              slot.duplicate(slot.raw());
              return slot.name();
            }),
        Attack.of(
            "a value a thousand times",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              for (int i = 0; i < 1000; i++) {
                slot.duplicate(
                    slot.kind() == Slot.Kind.JSON ? Integer.toString(i) : Integer.toString(i));
              }
              return slot.name();
            }),
        Attack.of(
            "a header twice",
            (draft, random) -> {
              String name =
                  Attack.pick(
                      random,
                      "Content-Type",
                      "Host",
                      "Authorization",
                      "Connection",
                      "Accept",
                      "Origin",
                      "Transfer-Encoding",
                      "Expect");
              String value =
                  switch (name) {
                    case "Content-Type" ->
                        Attack.pick(
                            random,
                            "application/x-www-form-urlencoded",
                            "application/json",
                            "text/plain");
                    case "Host" -> "evil.example";
                    case "Authorization" -> "Bearer other";
                    case "Connection" -> "keep-alive";
                    case "Transfer-Encoding" -> "identity";
                    case "Expect" -> "100-continue";
                    default -> "*/*";
                  };
              draft.addHeader(name, value);
              return name + ": " + value;
            }),
        Attack.of(
            "a parameter without a name or a value",
            (draft, random) -> {
              String odd =
                  Attack.pick(
                      random,
                      "=x",
                      "x",
                      "&&&",
                      "=",
                      "a=1=2",
                      "%26=%3D",
                      "a[]=1&a[]=2",
                      "a[b]=1",
                      "a.b=1",
                      "__proto__=x",
                      "constructor[prototype][x]=1");
              draft.query.add(new Field(odd, null));
              return odd;
            }));
  }
}
