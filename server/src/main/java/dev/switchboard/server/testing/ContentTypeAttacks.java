package dev.switchboard.server.testing;

import java.util.List;

/**
 * Missing, wrong, unknown-charset and malformed content types, encodings the body does not have,
 * odd Accepts. Stateless.
 */
final class ContentTypeAttacks {
  static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "text/html",
          "multipart/form-data",
          "multipart/form-data; boundary=xyz",
          "application/x-www-form-urlencoded",
          "application/json",
          "application/json; charset=nonexistent",
          "application/json; charset=utf-16",
          "application/json; charset=UTF-32",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=\"utf-8\"",
          "application/json; charset=",
          "application/json; charset=utf-8; charset=latin1",
          "application/json;;;",
          ";",
          "application",
          "/json",
          "*/*",
          "application/vnd.api+json",
          "APPLICATION/JSON",
          "application/json; boundary=--",
          "x".repeat(5000),
          "application/x-www-form-urlencoded; charset=nonexistent",
          "text/plain; charset=x-unknown-\u00E9",
          "application/json; charset=utf-8\"",
          "application/json; charset=../../etc/passwd",
          "application/json; charset=%",
          "application/json; charset=utf-7",
          "application/json; charset=IBM037",
          "application/x-www-form-urlencoded; charset=utf-16",
          "application/json; charset=\u00FF");

  private ContentTypeAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
    return List.of(
        Attack.of(
            "another content type",
            (draft, random) -> {
              draft.bodyValue(random);
              String type = Attack.pick(random, CONTENT_TYPES);
              draft.setHeader("Content-Type", type);
              return Printable.of(type, 60);
            }),
        Attack.of(
            "no content type",
            (draft, random) -> {
              draft.bodyValue(random);
              draft.removeHeader("Content-Type");
              return "none";
            }),
        Attack.of(
            "a content encoding the body does not have",
            (draft, random) -> {
              draft.bodyValue(random);
              String encoding =
                  Attack.pick(
                      random,
                      "gzip",
                      "deflate",
                      "br",
                      "x-unknown",
                      "gzip, gzip",
                      "identity",
                      "compress",
                      "zstd");
              draft.setHeader("Content-Encoding", encoding);
              if (random.nextBoolean() && encoding.startsWith("gzip")) {
                draft.rawBody =
                    "\u001F\u008B\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u00FF\u00AB";
              }
              return encoding;
            }),
        Attack.of(
            "an odd Accept",
            (draft, random) -> {
              String accept =
                  Attack.pick(
                      random,
                      "application/xml",
                      "*/*;q=abc",
                      "text/event-stream",
                      "",
                      "\u00FF",
                      "text/html;q=0, */*;q=0",
                      "application/json;charset=nonexistent",
                      "image/png");
              draft.setHeader("Accept", accept);
              draft.setHeader(
                  "Accept-Charset", Attack.pick(random, "nonexistent", "utf-8;q=0", "*"));
              return Printable.of(accept, 40);
            }),
        Attack.of(
            "a body in the charset it names",
            (draft, random) -> {
              draft.bodyValue(random);
              String charset =
                  Attack.pick(
                      random,
                      "UTF-16",
                      "UTF-16BE",
                      "UTF-32",
                      "ISO-8859-1",
                      "windows-1252",
                      "Shift_JIS");
              String body =
                  new String(Wire.bytes(draft.body()), java.nio.charset.StandardCharsets.UTF_8);
              draft.rawBody =
                  new String(
                      body.getBytes(java.nio.charset.Charset.forName(charset)),
                      java.nio.charset.StandardCharsets.ISO_8859_1);
              String base =
                  draft.bodyKind == Target.BodyKind.FORM
                      ? "application/x-www-form-urlencoded"
                      : "application/json";
              draft.setHeader("Content-Type", base + "; charset=" + charset);
              return charset;
            }),
        Attack.of(
            "a multipart body",
            (draft, random) -> {
              draft.bodyValue(random);
              String boundary = Attack.pick(random, "xyz", "", "\"quoted\"", "a".repeat(100));
              draft.setHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
              draft.rawBody =
                  random.nextBoolean()
                      ? "--"
                          + boundary
                          + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--"
                          + boundary
                          + "--\r\n"
                      : "--"
                          + boundary
                          + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x\"\r\n\r\n"
                          + draft.body();
              return "boundary " + Printable.of(boundary, 20);
            }));
  }
}
