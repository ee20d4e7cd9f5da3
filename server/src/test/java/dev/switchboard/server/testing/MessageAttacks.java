package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.List;

/** Oversized parts, other methods, wrong content types and huge headers. */
final class MessageAttacks {
  static final List<String> METHODS =
      List.of(
          "HEAD",
          "OPTIONS",
          "PUT",
          "DELETE",
          "PATCH",
          "TRACE",
          "CONNECT",
          "PROPFIND",
          "MKCOL",
          "BREW",
          "QUERY",
          "get",
          "Post",
          "M-SEARCH",
          "X".repeat(2000),
          "G\u0000T",
          "GE T",
          "GET\u00E9",
          "POST\u0000",
          "PRI",
          "SEARCH",
          "LINK",
          "PURGE",
          "DEBUG");

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

  private MessageAttacks() {}

  static List<Attack> oversize() {
    return List.of(
        Attack.of(
            "a long path parameter or segment",
            (draft, random) -> {
              int length = Attack.pick(random, 2_000, 9_000, 70_000);
              String big = "a".repeat(length);
              List<Slot> path =
                  draft.values().stream().filter(s -> s.kind() == Slot.Kind.PATH).toList();
              if (path.isEmpty()) {
                draft.path.add(new Target.Segment(big, false));
                draft.changedRoute = true;
              } else {
                Attack.pick(random, path).setRaw(big);
              }
              return length + " bytes";
            }),
        Attack.of(
            "a long query value",
            (draft, random) -> {
              int length = Attack.pick(random, 1_000, 7_000, 20_000, 100_000);
              Slot slot = EncodingAttacks.urlValue(draft, random);
              slot.setRaw("9".repeat(length));
              return length + " bytes for " + slot.name();
            }),
        Attack.of(
            "many query parameters",
            (draft, random) -> {
              int count = Attack.pick(random, 500, 2_000, 10_000);
              for (int i = 0; i < count; i++) {
                draft.query.add(new Field("p" + i, "1"));
              }
              return count + " parameters";
            }),
        Attack.of(
            "a huge body value",
            (draft, random) -> {
              int length = Attack.pick(random, 70_000, 300_000, 1_100_000, 3_000_000);
              Slot slot = EncodingAttacks.bodyValue(draft, random);
              slot.setRawInside("z".repeat(length));
              return length + " bytes for " + slot.name();
            }),
        Attack.of(
            "many body fields",
            (draft, random) -> {
              int count = Attack.pick(random, 1_000, 20_000, 100_000);
              EncodingAttacks.bodyValue(draft, random);
              for (int i = 0; i < count; i++) {
                draft.bodyFields.add(
                    new Field("f" + i, draft.bodyKind == Target.BodyKind.JSON ? "1" : "1"));
              }
              return count + " fields";
            }),
        Attack.of(
            "deeply nested JSON",
            (draft, random) -> {
              int depth = Attack.pick(random, 1_001, 5_000, 100_000);
              Slot slot = EncodingAttacks.bodyValue(draft, random);
              if (draft.bodyKind == Target.BodyKind.JSON) {
                boolean arrays = random.nextBoolean();
                slot.setNumber(
                    arrays
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
              } else {
                slot.setRaw("%5B".repeat(depth));
              }
              return depth + " levels";
            }),
        Attack.of(
            "a Content-Length beyond any limit",
            (draft, random) -> {
              String length =
                  Attack.pick(
                      random, "1000000000", "99999999999", "9223372036854775807", "2147483648");
              String body = draft.body().isEmpty() ? "{}" : draft.body();
              draft.contentLength = false;
              draft.rawRequest = draft.head(body) + "Content-Length: " + length + "\r\n\r\n" + body;
              draft.halfClose = true;
              return length;
            }));
  }

  static List<Attack> methods() {
    return List.of(
        Attack.of(
            "another method",
            (draft, random) -> {
              String method = Attack.pick(random, METHODS);
              draft.method = method;
              draft.changedRoute = true;
              return Printable.of(method, 30);
            }),
        Attack.of(
            "HEAD",
            (draft, random) -> {
              draft.method = "HEAD";
              draft.changedRoute = true;
              return "HEAD";
            }),
        Attack.of(
            "a GET with a body",
            (draft, random) -> {
              EncodingAttacks.bodyValue(draft, random);
              draft.method = "GET";
              draft.changedRoute = !draft.target.method().equals("GET");
              return "GET";
            }),
        Attack.of(
            "a method override header",
            (draft, random) -> {
              String name =
                  Attack.pick(
                      random, "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
              String method = Attack.pick(random, "DELETE", "PUT", "PATCH", "GET", "TRACE");
              draft.setHeader(name, method);
              draft.changedRoute = true; // Javalin takes the override as the method
              return name + ": " + method;
            }),
        Attack.of(
            "an odd request target",
            (draft, random) -> {
              String requestTarget = draft.requestTarget();
              String odd =
                  Attack.pick(
                      random,
                      "*",
                      "http://127.0.0.1" + requestTarget,
                      "http://evil.example" + requestTarget,
                      "127.0.0.1:80",
                      "//" + requestTarget,
                      "http:" + requestTarget,
                      "?",
                      "",
                      "#frag",
                      requestTarget + "#fragment",
                      "HTTP://127.0.0.1:1" + requestTarget);
              String method =
                  odd.equals("127.0.0.1:80")
                      ? "CONNECT"
                      : odd.equals("*") ? "OPTIONS" : draft.method;
              String rendered = draft.render();
              int lineEnd = rendered.indexOf("\r\n");
              draft.rawRequest = method + " " + odd + " HTTP/1.1" + rendered.substring(lineEnd);
              draft.changedRoute = true;
              draft.routeless = odd.equals("*") || method.equals("CONNECT");
              return method + " " + Printable.of(odd, 40);
            }),
        Attack.of(
            "a method the CORS preflight asks for",
            (draft, random) -> {
              draft.method = "OPTIONS";
              draft.setHeader(
                  "Origin",
                  Attack.pick(
                      random, "https://crm.example", "null", "http://evil.example", "\u00FF"));
              draft.setHeader(
                  "Access-Control-Request-Method",
                  Attack.pick(random, "POST", "DELETE", "BREW", ""));
              draft.setHeader(
                  "Access-Control-Request-Headers",
                  Attack.pick(random, "content-type", "x-".repeat(500), "*", "\u0001"));
              draft.changedRoute = true;
              return "OPTIONS preflight";
            }));
  }

  static List<Attack> contentTypes() {
    return List.of(
        Attack.of(
            "another content type",
            (draft, random) -> {
              EncodingAttacks.bodyValue(draft, random);
              String type = Attack.pick(random, CONTENT_TYPES);
              draft.setHeader("Content-Type", type);
              return Printable.of(type, 60);
            }),
        Attack.of(
            "no content type",
            (draft, random) -> {
              EncodingAttacks.bodyValue(draft, random);
              draft.removeHeader("Content-Type");
              return "none";
            }),
        Attack.of(
            "a content encoding the body does not have",
            (draft, random) -> {
              EncodingAttacks.bodyValue(draft, random);
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
              EncodingAttacks.bodyValue(draft, random);
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
              EncodingAttacks.bodyValue(draft, random);
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

  static List<Attack> hugeHeaders() {
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
