package dev.switchboard.server.testing;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/** Broken framing (lengths, chunks, request lines, line endings) and slow or vanishing clients. */
final class FramingAttacks {
  private FramingAttacks() {}

  static List<Attack> framing() {
    return List.of(
        Attack.of(
            "a body shorter than its Content-Length",
            (draft, random) -> {
              String body = bodyOf(draft, random);
              int missing = Attack.pick(random, 1, 10, 1000);
              draft.rawRequest =
                  headWithout(draft, body)
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
              String body = bodyOf(draft, random);
              String extra =
                  Attack.pick(
                      random, "garbage", "\r\n\r\nGET / HTTP/1.1\r\n\r\n", "\u0000\u0000", "}}}}");
              int cut = Math.max(0, body.length() - random.nextInt(Math.max(1, body.length())));
              draft.rawRequest =
                  headWithout(draft, body) + "Content-Length: " + cut + "\r\n\r\n" + body + extra;
              return "length " + cut + " of " + (body.length() + extra.length());
            }),
        Attack.of(
            "a malformed Content-Length",
            (draft, random) -> {
              String body = bodyOf(draft, random);
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
                  headWithout(draft, body) + "Content-Length: " + length + "\r\n\r\n" + body;
              draft.halfClose = true;
              return "Content-Length: " + Printable.of(length, 30);
            }),
        Attack.of(
            "two Content-Lengths",
            (draft, random) -> {
              String body = bodyOf(draft, random);
              draft.rawRequest =
                  headWithout(draft, body)
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
              String body = bodyOf(draft, random);
              String chunked = brokenChunks(body, random);
              draft.rawRequest =
                  headWithout(draft, body) + "Transfer-Encoding: chunked\r\n\r\n" + chunked;
              draft.halfClose = true;
              return Printable.of(chunked, 60);
            }),
        Attack.of(
            "a chunked body sent properly",
            (draft, random) -> {
              String body = bodyOf(draft, random);
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
                  headWithout(draft, body) + "Transfer-Encoding: chunked\r\n\r\n" + chunked;
              return "two chunks";
            }),
        Attack.of(
            "an odd Transfer-Encoding",
            (draft, random) -> {
              String body = bodyOf(draft, random);
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
                  headWithout(draft, body)
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
            "an odd HTTP version",
            (draft, random) -> {
              String version =
                  Attack.pick(
                      random,
                      "HTTP/1.0",
                      "",
                      "HTTP/2.0",
                      "HTTP/1.1x",
                      "http/1.1",
                      "HTTP/1.10",
                      "HTTP/01.1",
                      "HTTP/9.9",
                      "HTTP/1",
                      "HTTP/",
                      "HTTP/1.1 extra",
                      "HTTP/3",
                      "FTP/1.1");
              draft.version = version;
              draft.halfClose = version.isEmpty();
              return version.isEmpty() ? "no version" : version;
            }),
        Attack.of(
            "odd line endings or spacing",
            (draft, random) -> {
              String rendered = draft.render();
              int end = rendered.indexOf("\r\n\r\n");
              String head = rendered.substring(0, end);
              String rest = rendered.substring(end + 4);
              String odd =
                  Attack.pick(
                      random,
                      "bare LF",
                      "bare CR",
                      "double spaces",
                      "tab separators",
                      "trailing spaces",
                      "leading blank lines",
                      "no blank line");
              draft.rawRequest =
                  switch (odd) {
                    case "bare LF" -> head.replace("\r\n", "\n") + "\n\n" + rest;
                    case "bare CR" -> head.replace("\r\n", "\r") + "\r\r" + rest;
                    case "double spaces" -> head.replaceFirst(" ", "  ") + "\r\n\r\n" + rest;
                    case "tab separators" -> head.replaceFirst(" ", "\t") + "\r\n\r\n" + rest;
                    case "trailing spaces" -> head.replace("\r\n", " \r\n") + "\r\n\r\n" + rest;
                    case "leading blank lines" -> "\r\n\r\n\r\n" + head + "\r\n\r\n" + rest;
                    default -> head + "\r\n" + rest;
                  };
              draft.halfClose = true;
              return odd;
            }),
        Attack.of(
            "malformed header lines",
            (draft, random) -> {
              String line =
                  Attack.pick(
                      random,
                      "NoColon",
                      ": empty-name",
                      "Space Name: x",
                      "Name : x",
                      "X-Folded: a\r\n continued",
                      "X-Folded: a\r\n\tcontinued",
                      ":::",
                      "X-A:\u0000",
                      "X-Empty:",
                      " Leading: space",
                      "Host:",
                      "Content-Length : 0");
              String rendered = draft.render();
              int lineEnd = rendered.indexOf("\r\n");
              draft.rawRequest =
                  rendered.substring(0, lineEnd + 2)
                      + line
                      + "\r\n"
                      + rendered.substring(lineEnd + 2);
              return Printable.of(line, 30);
            }),
        Attack.of(
            "no Host or two of them",
            (draft, random) -> {
              boolean none = random.nextBoolean();
              draft.removeHeader("Host");
              if (!none) {
                draft.addHeader("Host", "127.0.0.1");
                draft.addHeader("Host", "evil.example");
              }
              return none ? "no Host" : "two Hosts";
            }),
        Attack.of(
            "not HTTP at all",
            (draft, random) -> {
              String garbage =
                  Attack.pick(
                      random,
                      "\r\n",
                      "\r\n\r\n",
                      "GET\r\n\r\n",
                      "GET /\r\n",
                      " / HTTP/1.1\r\n\r\n",
                      "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00FC\u0003\u0003",
                      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                      "\u0000".repeat(64),
                      "SSH-2.0-OpenSSH_9.6\r\n",
                      "GET " + draft.requestTarget() + " HTTP/1.1",
                      "{\"jsonrpc\":\"2.0\"}\r\n\r\n",
                      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGARBAGE\r\n\r\n");
              draft.rawRequest = garbage;
              draft.halfClose = true;
              draft.changedRoute = true;
              draft.routeless = true;
              return Printable.of(garbage, 40);
            }),
        Attack.of(
            "an Expect the server cannot meet",
            (draft, random) -> {
              String body = bodyOf(draft, random);
              String expect =
                  Attack.pick(
                      random, "100-continue", "200-ok", "100-continue, 200-ok", "", "100-Continue");
              draft.rawRequest =
                  headWithout(draft, body)
                      + "Content-Length: "
                      + body.length()
                      + "\r\nExpect: "
                      + expect
                      + "\r\n\r\n"
                      + body;
              return "Expect: " + expect;
            }));
  }

  static List<Attack> slowClients() {
    return List.of(
        Attack.of(
            "a byte at a time",
            (draft, random) -> {
              draft.pacing = Pacing.inPieces(1, Duration.ofMillis(1 + random.nextInt(2)));
              return "1-byte pieces";
            }),
        Attack.of(
            "small pieces with pauses",
            (draft, random) -> {
              int size = 1 + random.nextInt(16);
              draft.pacing = Pacing.inPieces(size, Duration.ofMillis(5 + random.nextInt(20)));
              return size + "-byte pieces";
            }),
        Attack.of(
            "a stall in the request line",
            (draft, random) -> {
              int at = 1 + random.nextInt(Math.max(1, draft.render().indexOf("\r\n")));
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled at byte " + at;
            }),
        Attack.of(
            "a stall between head and body",
            (draft, random) -> {
              bodyOf(draft, random);
              int at = draft.render().indexOf("\r\n\r\n") + 4;
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled before the body";
            }),
        Attack.of(
            "a stall inside the body",
            (draft, random) -> {
              bodyOf(draft, random);
              String rendered = draft.render();
              int start = rendered.indexOf("\r\n\r\n") + 4;
              int at = start + random.nextInt(Math.max(1, rendered.length() - start));
              draft.pacing = Pacing.stalled(at, stall(random));
              return "stalled at byte " + at;
            }),
        Attack.of(
            "a request abandoned half-way",
            (draft, random) -> {
              int at = 1 + random.nextInt(Math.max(1, draft.render().length() - 1));
              draft.pacing = Pacing.abandoned(at, Duration.ofMillis(50 + random.nextInt(300)));
              return "abandoned at byte " + at;
            }),
        Attack.of(
            "a slow body cut short",
            (draft, random) -> {
              String body = bodyOf(draft, random);
              draft.rawRequest =
                  headWithout(draft, body)
                      + "Content-Length: "
                      + (body.length() + 50)
                      + "\r\n\r\n"
                      + body;
              draft.pacing = Pacing.inPieces(4, Duration.ofMillis(3));
              draft.halfClose = true;
              return "50 bytes short";
            }));
  }

  private static Duration stall(Random random) {
    return Duration.ofMillis(200 + random.nextInt(800));
  }

  /** The draft's body, a small JSON object for a request that has none. */
  private static String bodyOf(Draft draft, Random random) {
    if (draft.body().isEmpty()) {
      EncodingAttacks.bodyValue(draft, random);
    }
    return draft.body();
  }

  /** The head without its Content-Length (the attack writes its own framing). */
  private static String headWithout(Draft draft, String body) {
    draft.contentLength = false;
    return draft.head(body);
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
