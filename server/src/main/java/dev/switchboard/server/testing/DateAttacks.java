package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/**
 * Impossible, out-of-range, zoned and malformed dates and times in values, parameters and headers.
 * Stateless.
 */
final class DateAttacks {
  static final List<String> DATES =
      List.of(
          "0000-00-00 00:00:00",
          "2024-02-30 10:00:00",
          "2024-13-01 00:00:00",
          "2024-03-01 24:00:00",
          "2024-03-01 23:59:60",
          "9999-12-31 23:59:59",
          "10000-01-01 00:00:00",
          "0001-01-01 00:00:00",
          "1969-12-31 23:59:59",
          "-0001-01-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "2024-03-01T06:15:40+25:00",
          "2024-03-01T06:15:40.1234567890123Z",
          "2024-03-01T06:15:40 Asia/Nowhere",
          "2024-03-01",
          "06:15:40",
          "01/03/2024",
          "2024-W09-5",
          "2024-061",
          "1709273740",
          "1709273740000000",
          "now",
          "yesterday",
          "",
          " ",
          "2020-10-10-10:10:10",
          "2024-03-01T06:15:40Z[Europe/Paris]",
          "2024-3-1 6:15:40",
          "\uFF12\uFF10\uFF12\uFF14-03-01",
          "2024-03-01T06:15:40\u0000Z",
          "9999-12-31T23:59:59.999999999Z",
          "1970-01-01T00:00:00Z",
          "2038-01-19T03:14:08Z",
          "2024-03-01T06:15:40-00:00",
          "2024-03-01T06:15:40z",
          "99999-01-01",
          "2024-00-00");

  private static final String DATE_NAMES =
      ".*(date|from|to|since|until|time|start|end|before|after).*";

  private DateAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a bad date in a date value",
            (draft, random) -> {
              List<Slot> dated = draft.valuesNamed(DATE_NAMES);
              Slot slot = dated.isEmpty() ? draft.anyValue(random) : Attack.pick(random, dated);
              String date = Attack.pick(random, DATES);
              slot.setText(date);
              return Printable.of(Wire.utf8(date), 40) + " for " + slot.name();
            }),
        Attack.of(
            "a bad date as a time parameter",
            (draft, random) -> {
              String name =
                  Attack.pick(
                      random,
                      "from",
                      "to",
                      "since",
                      "until",
                      "date",
                      "calldate",
                      "date_from",
                      "date_to",
                      "start",
                      "end",
                      "before",
                      "after");
              String date = Attack.pick(random, DATES);
              if (draft.bodyKind == Target.BodyKind.JSON) {
                draft.bodyFields.add(new Field(name, Wire.jsonString(date)));
              } else {
                draft.query.add(new Field(name, Wire.percentEncoded(date)));
              }
              return Printable.of(Wire.utf8(date), 40) + " for " + name;
            }),
        Attack.of(
            "a bad date in any value",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String date = Attack.pick(random, DATES);
              slot.setText(date);
              return Printable.of(Wire.utf8(date), 40) + " for " + slot.name();
            }),
        Attack.of(
            "a bad date in a header",
            (draft, random) -> {
              String name =
                  Attack.pick(
                      random,
                      "If-Modified-Since",
                      "If-Unmodified-Since",
                      "Date",
                      "If-Range",
                      "Last-Event-ID");
              String date = Wire.utf8(Attack.pick(random, DATES)).replaceAll("[\\x00-\\x1f]", "");
              draft.setHeader(name, date);
              return name + ": " + Printable.of(date, 40);
            }));
  }
}
