package dev.switchboard.server.testing;

import java.util.List;

/**
 * Odd HTTP versions, line endings and spacing, malformed header lines, missing or doubled Hosts,
 * and bytes that are not HTTP at all. Stateless.
 */
final class MessageFramingAttacks {
  private MessageFramingAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
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
            }));
  }
}
