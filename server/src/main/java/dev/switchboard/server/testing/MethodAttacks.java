package dev.switchboard.server.testing;

import java.util.List;

/**
 * Every other method on every route, HEAD, GET with a body, method overrides, odd request targets
 * and preflights. Stateless.
 */
final class MethodAttacks {
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

  private MethodAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
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
              draft.bodyValue(random);
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
}
