package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/**
 * Huge, tiny, infinite, negative-zero and malformed numbers in every value, as numbers and as text.
 * Stateless.
 */
final class NumberAttacks {
  static final List<String> NUMBERS =
      List.of(
          "1e309",
          "-1e309",
          "1e-400",
          "1E+2147483648",
          "99999999999999999999999999999999",
          "-99999999999999999999",
          "9223372036854775808",
          "-9223372036854775809",
          "2147483648",
          "4294967296",
          "1.7976931348623157e309",
          "0.0000000000000000000000000001",
          "-0",
          "-0.0",
          "00000000001",
          "0x7fffffff",
          "NaN",
          "Infinity",
          "-Infinity",
          "1e999999999",
          "123456789012345678901234567890.123456789",
          "1" + "0".repeat(400),
          "1.5",
          "-1",
          "+1",
          ".5",
          "5.",
          "1_000",
          "1e5",
          "2678401",
          "14401",
          "-2147483649");

  private NumberAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a huge number in a numeric value",
            (draft, random) -> {
              List<Slot> numeric =
                  draft.values().stream()
                      .filter(s -> s.text().matches("-?[0-9]+(\\.[0-9]+)?"))
                      .toList();
              Slot slot = numeric.isEmpty() ? draft.anyValue(random) : Attack.pick(random, numeric);
              String number = Attack.pick(random, NUMBERS);
              slot.setNumber(number);
              return Printable.of(number, 40) + " for " + slot.name();
            }),
        Attack.of(
            "a huge number in any value",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String number = Attack.pick(random, NUMBERS);
              slot.setNumber(number);
              return Printable.of(number, 40) + " for " + slot.name();
            }),
        Attack.of(
            "a huge number as text",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String number = Attack.pick(random, NUMBERS);
              slot.setText(number);
              return Printable.of(number, 40) + " for " + slot.name();
            }),
        Attack.of(
            "a huge number in a paging or time parameter",
            (draft, random) -> {
              String name =
                  Attack.pick(
                      random, "limit", "offset", "page", "after", "before", "size", "count",
                      "since", "talk", "advance", "timeout", "lines", "max");
              String number = Attack.pick(random, NUMBERS);
              if (draft.bodyKind == Target.BodyKind.JSON) {
                draft.bodyFields.add(new Field(name, number));
              } else {
                draft.query.add(new Field(name, Wire.percentEncoded(number)));
              }
              return Printable.of(number, 40) + " for " + name;
            }));
  }
}
