package dev.switchboard.server.testing;

import java.util.List;

/** Header values, names and counts beyond any server's limit. Stateless. */
final class HeaderSizeAttacks {
  private HeaderSizeAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "one long header value",
            (draft, random) -> {
              int length = Attack.pick(random, 5_000, 9_000, 17_000, 70_000, 300_000);
              String name =
                  Attack.pick(
                      random,
                      "X-Padding",
                      "User-Agent",
                      "Cookie",
                      "Referer",
                      "Accept",
                      "Content-Type",
                      "Authorization",
                      "Origin");
              String value =
                  name.equals("Authorization")
                      ? "Bearer " + "t".repeat(length)
                      : name.equals("Content-Type")
                          ? "application/json; x=" + "y".repeat(length)
                          : "v".repeat(length);
              draft.setHeader(name, value);
              return name + " of " + length + " bytes";
            }),
        Attack.of(
            "many headers",
            (draft, random) -> {
              int count = Attack.pick(random, 100, 500, 3_000);
              for (int i = 0; i < count; i++) {
                draft.addHeader("X-H" + i, "v");
              }
              return count + " headers";
            }),
        Attack.of(
            "a long header name",
            (draft, random) -> {
              int length = Attack.pick(random, 1_000, 10_000, 70_000);
              draft.addHeader("X-" + "n".repeat(length), "v");
              return length + " bytes";
            }),
        Attack.of(
            "many cookies",
            (draft, random) -> {
              int count = Attack.pick(random, 200, 1_000, 5_000);
              StringBuilder cookies = new StringBuilder();
              for (int i = 0; i < count; i++) {
                cookies.append(i == 0 ? "" : "; ").append("c").append(i).append("=v");
              }
              draft.setHeader("Cookie", cookies.toString());
              return count + " cookies";
            }),
        Attack.of(
            "one header repeated",
            (draft, random) -> {
              int count = Attack.pick(random, 100, 1_000);
              String name = Attack.pick(random, "Accept", "Cookie", "X-Forwarded-For", "Via");
              for (int i = 0; i < count; i++) {
                draft.addHeader(name, "value-" + i);
              }
              return name + " " + count + " times";
            }));
  }
}
