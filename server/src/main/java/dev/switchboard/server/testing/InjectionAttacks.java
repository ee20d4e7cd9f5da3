package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/**
 * SQL, JSON, header, path-traversal, template and script text in values, names, headers and the
 * path, escaped and raw. Stateless.
 */
final class InjectionAttacks {
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

  private InjectionAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "injected text in a value",
            (draft, random) -> {
              Slot slot = draft.anyValue(random);
              String payload = Attack.pick(random, INJECTIONS);
              slot.setText(Attack.placed(random, slot.text(), payload));
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
              Slot slot = draft.bodyValue(random);
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
              int at = draft.fixedSegment(random);
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
}
