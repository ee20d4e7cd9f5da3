package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Wrong secrets, injected text, huge numbers, bad dates and duplicated parameters. */
final class ValueAttacks {
  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "1; DROP TABLE events;--",
          "\" OR \"\"=\"",
          "1' UNION SELECT token FROM api_tokens--",
          "\",\"key\":\"x",
          "{\"$ne\":null}",
          "${jndi:ldap://127.0.0.1:1/a}",
          "{{7*7}}",
          "<script>alert(1)</script>",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "$(id)",
          "`id`",
          "|| id",
          "%s%s%s%n",
          "\r\nX-Injected: 1",
          "*)(uid=*))(|(uid=*",
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
          "\u202Eevil",
          "\uD83D\uDE00",
          "\uFEFF",
          "admin'--",
          "1 AND SLEEP(5)",
          "; ls",
          "\\u0000",
          "null",
          "=cmd|' /C calc'!A0",
          "javascript:alert(1)");

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

  private ValueAttacks() {}

  static List<Attack> wrongCredentials() {
    return List.of(
        Attack.of(
            "a wrong secret",
            (draft, random) -> {
              String secret = draft.secret().orElse("");
              String wrong = Attack.pick(random, wrongSecrets(secret, random));
              if (draft.secret().isPresent()) {
                draft.replaceSecret(Wire.percentEncoded(wrong));
              } else {
                draft.setHeader("Authorization", "Bearer " + Wire.percentEncoded(wrong));
              }
              return Printable.of(Wire.utf8(wrong), 40);
            }),
        Attack.of(
            "no Authorization header",
            (draft, random) -> {
              boolean had =
                  draft.headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Authorization"));
              draft.removeHeader("Authorization");
              if (!had) {
                draft.replaceSecret("");
              }
              return had ? "header removed" : "secret emptied";
            }),
        Attack.of(
            "another Authorization scheme",
            (draft, random) -> {
              String secret = draft.secret().orElse("x");
              String value =
                  Attack.pick(
                      random,
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  ("user:" + secret)
                                      .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                      "Bearer",
                      "Bearer ",
                      "Bearer  " + secret,
                      "bearer " + secret,
                      "BEARER " + secret,
                      "Token " + secret,
                      secret,
                      "Bearer " + secret + ", Bearer x",
                      "Bearer \"" + secret + "\"",
                      "Bearer " + secret + "\t",
                      "Digest username=\"a\"",
                      "Bearer " + secret.toUpperCase(Locale.ROOT),
                      "Bearer=" + secret,
                      "Bearer:" + secret);
              draft.setHeader("Authorization", value);
              return Printable.of(value.replace(secret, "<secret>"), 60);
            }),
        Attack.of(
            "two Authorization headers",
            (draft, random) -> {
              String secret = draft.secret().orElse("x");
              boolean rightFirst = random.nextBoolean();
              draft.removeHeader("Authorization");
              draft.addHeader(
                  "Authorization", "Bearer " + (rightFirst ? secret : "wrong-" + secret));
              draft.addHeader(
                  "Authorization", "Bearer " + (rightFirst ? "wrong-" + secret : secret));
              return rightFirst ? "right then wrong" : "wrong then right";
            }),
        Attack.of(
            "the secret in the query instead",
            (draft, random) -> {
              String secret = draft.secret().orElse("x");
              draft.removeHeader("Authorization");
              String name = Attack.pick(random, "token", "key", "access_token", "api_key");
              draft.query.add(new Field(name, Wire.percentEncoded(secret)));
              return name;
            }),
        Attack.of(
            "a huge secret",
            (draft, random) -> {
              String huge = "k".repeat(Attack.pick(random, 300, 5_000, 20_000));
              if (draft.secret().isPresent()) {
                draft.replaceSecret(huge);
              } else {
                draft.setHeader("Authorization", "Bearer " + huge);
              }
              return huge.length() + " characters";
            }));
  }

  private static List<String> wrongSecrets(String secret, Random random) {
    String flipped =
        secret.isEmpty()
            ? "x"
            : secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a");
    return List.of(
        "",
        "x",
        secret.toUpperCase(Locale.ROOT),
        secret.toLowerCase(Locale.ROOT).replace('a', 'A'),
        secret.isEmpty() ? "y" : secret.substring(0, secret.length() - 1),
        secret + "0",
        flipped,
        secret.repeat(3),
        " " + secret,
        secret + " ",
        secret + "\u0000",
        "null",
        "undefined",
        "*",
        "' OR '1'='1",
        "../" + secret,
        secret + "/extra",
        secret + "%",
        "%" + secret,
        "\u0430" + (secret.length() > 1 ? secret.substring(1) : ""),
        Integer.toString(random.nextInt(1_000_000)));
  }

  static List<Attack> injection() {
    return List.of(
        Attack.of(
            "injected text in a value",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String payload = Attack.pick(random, INJECTIONS);
              slot.setText(EncodingAttacks.placed(random, slot.text(), payload));
              return Printable.of(Wire.utf8(payload), 50) + " in " + slot.name();
            }),
        Attack.of(
            "unescaped injected text in a value",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String payload = Attack.pick(random, INJECTIONS);
              slot.setRawInside(Wire.utf8(payload).replace(" ", "+").replace("\r\n", "%0D%0A"));
              return Printable.of(Wire.utf8(payload), 50) + " in " + slot.name();
            }),
        Attack.of(
            "injected text as a parameter name",
            (draft, random) -> {
              String payload = Attack.pick(random, INJECTIONS);
              if (draft.bodyKind == Target.BodyKind.JSON) {
                draft.bodyFields.add(new Field(payload, "\"x\""));
              } else {
                draft.query.add(new Field(Wire.percentEncoded(payload), "x"));
              }
              return Printable.of(Wire.utf8(payload), 50);
            }),
        Attack.of(
            "a JSON value of another type",
            (draft, random) -> {
              Slot slot = EncodingAttacks.bodyValue(draft, random);
              String literal =
                  Attack.pick(
                      random,
                      "{\"$gt\":\"\"}",
                      "[1,2]",
                      "[]",
                      "{}",
                      "true",
                      "false",
                      "null",
                      "[\"101\",\"102\"]",
                      "{\"key\":\"x\"}",
                      "\"\"",
                      "0");
              slot.setNumber(literal);
              return literal + " for " + slot.name();
            }),
        Attack.of(
            "injected text in a header",
            (draft, random) -> {
              String payload = Wire.utf8(Attack.pick(random, INJECTIONS)).replace("\r\n", " ");
              String name =
                  Attack.pick(
                      random,
                      "X-Forwarded-For",
                      "X-Real-IP",
                      "Referer",
                      "Origin",
                      "Cookie",
                      "User-Agent",
                      "X-Forwarded-Host",
                      "Forwarded");
              draft.setHeader(name, payload);
              return name;
            }),
        Attack.of(
            "a dot segment in the path",
            (draft, random) -> {
              int at = EncodingAttacks.fixedSegment(draft, random);
              String dots =
                  Attack.pick(
                      random, "..", ".", "%2e%2e", ".%2e", "..;", ";jsessionid=x", "..%00", "...");
              draft.path.add(at, new Target.Segment(dots, false));
              draft.changedRoute = true;
              return dots + " before /" + draft.path.get(at + 1).text();
            }),
        Attack.of(
            "another Host",
            (draft, random) -> {
              String host =
                  Attack.pick(
                      random,
                      "evil.example",
                      "127.0.0.1:1",
                      "[::1]",
                      "localhost:99999",
                      "a b",
                      "",
                      "127.0.0.1@evil.example",
                      "xn--80ak6aa92e.com");
              draft.setHeader("Host", host);
              return host;
            }));
  }

  static List<Attack> hugeNumbers() {
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

  static List<Attack> dates() {
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

  static List<Attack> duplicatedParameters() {
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
