package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Wrong, missing, doubled, misplaced and oversized tokens and keys. Stateless. */
final class CredentialAttacks {
  private CredentialAttacks() {}

  /** The attacks. */
  static List<Attack> all() {
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
}
