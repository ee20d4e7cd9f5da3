package dev.switchboard.server.testing;

import java.util.List;
import java.util.Random;

/**
 * Bodies shorter or longer than their Content-Length, malformed or doubled lengths, broken chunks,
 * odd transfer codings and expectations. Stateless.
 */
final class BodyFramingAttacks {
  private BodyFramingAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "a body shorter than its Content-Length",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              int missing = Attack.pick(random, 1, 10, 1000);
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Content-Length: "
                      + (body.length() + missing)
                      + "\r\n\r\n"
                      + body;
              draft.halfClose = true;
              return missing + " bytes missing";
            }),
        Attack.of(
            "a body longer than its Content-Length",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              String extra =
                  Attack.pick(
                      random, "garbage", "\r\n\r\nGET / HTTP/1.1\r\n\r\n", "\u0000\u0000", "}}}}");
              int cut = Math.max(0, body.length() - random.nextInt(Math.max(1, body.length())));
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Content-Length: "
                      + cut
                      + "\r\n\r\n"
                      + body
                      + extra;
              return "length " + cut + " of " + (body.length() + extra.length());
            }),
        Attack.of(
            "a malformed Content-Length",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              String length =
                  Attack.pick(
                      random,
                      "-1",
                      "abc",
                      "1e3",
                      "+" + body.length(),
                      " " + body.length() + " ",
                      "0x10",
                      body.length() + ", " + body.length(),
                      body.length() + ", 0",
                      "99999999999999999999999",
                      "",
                      "\u0000" + body.length(),
                      body.length() + ".0");
              draft.rawRequest =
                  draft.headWithoutLength(body) + "Content-Length: " + length + "\r\n\r\n" + body;
              draft.halfClose = true;
              return "Content-Length: " + Printable.of(length, 30);
            }),
        Attack.of(
            "two Content-Lengths",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Content-Length: "
                      + body.length()
                      + "\r\nContent-Length: "
                      + (body.length() + 5)
                      + "\r\n\r\n"
                      + body;
              draft.halfClose = true;
              return "two lengths";
            }),
        Attack.of(
            "a broken chunked body",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              String chunked = brokenChunks(body, random);
              draft.rawRequest =
                  draft.headWithoutLength(body) + "Transfer-Encoding: chunked\r\n\r\n" + chunked;
              draft.halfClose = true;
              return Printable.of(chunked, 60);
            }),
        Attack.of(
            "a chunked body sent properly",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              int half = body.length() / 2;
              String chunked =
                  Integer.toHexString(half)
                      + "\r\n"
                      + body.substring(0, half)
                      + "\r\n"
                      + Integer.toHexString(body.length() - half)
                      + "\r\n"
                      + body.substring(half)
                      + "\r\n0\r\n\r\n";
              draft.rawRequest =
                  draft.headWithoutLength(body) + "Transfer-Encoding: chunked\r\n\r\n" + chunked;
              return "two chunks";
            }),
        Attack.of(
            "an odd Transfer-Encoding",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              String coding =
                  Attack.pick(
                      random,
                      "gzip",
                      "identity",
                      "chunked, chunked",
                      "xchunked",
                      "chunked\u000B",
                      " chunked",
                      "gzip, chunked",
                      "chunked, identity",
                      "CHUNKED",
                      "chunked;q=1");
              boolean withLength = random.nextBoolean();
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Transfer-Encoding: "
                      + coding
                      + "\r\n"
                      + (withLength ? "Content-Length: " + body.length() + "\r\n" : "")
                      + "\r\n"
                      + Integer.toHexString(body.length())
                      + "\r\n"
                      + body
                      + "\r\n0\r\n\r\n";
              draft.halfClose = true;
              return Printable.of(coding, 30) + (withLength ? " and a Content-Length" : "");
            }),
        Attack.of(
            "an Expect the server cannot meet",
            (draft, random) -> {
              String body = draft.bodyOrSmallJson(random);
              String expect =
                  Attack.pick(
                      random, "100-continue", "200-ok", "100-continue, 200-ok", "", "100-Continue");
              draft.rawRequest =
                  draft.headWithoutLength(body)
                      + "Content-Length: "
                      + body.length()
                      + "\r\nExpect: "
                      + expect
                      + "\r\n\r\n"
                      + body;
              return "Expect: " + expect;
            }));
  }

  private static String brokenChunks(String body, Random random) {
    String size = Integer.toHexString(body.length());
    return switch (random.nextInt(10)) {
      case 0 -> "zz\r\n" + body + "\r\n0\r\n\r\n";
      case 1 -> "FFFFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n";
      case 2 -> Integer.toHexString(body.length() + 100) + "\r\n" + body;
      case 3 -> size + "\r\n" + body + "\r\n";
      case 4 -> size + ";ext=\u0001\u0002\r\n" + body + "\r\n0\r\n\r\n";
      case 5 -> size + "\r\n" + body + "\r\n0\r\nX-Trailer\u0000: \u00FF\r\n\r\n";
      case 6 -> size + "\r\n" + body + "0\r\n\r\n";
      case 7 -> "-" + size + "\r\n" + body + "\r\n0\r\n\r\n";
      case 8 -> "   " + size + "   \r\n" + body + "\r\n0\r\n\r\n";
      default -> size + "\n" + body + "\n0\n\n";
    };
  }
}
