package dev.switchboard.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP reply as it came over a {@link RawConnection}.
 *
 * @param status the status code
 * @param headers the status line and header lines, CRLFs included
 * @param bytes the body, unframed
 */
public record RawReply(int status, String headers, byte[] bytes) {
  /** The body as UTF-8 text. */
  public String body() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The first value of header {@code name} (any case), trimmed. */
  public Optional<String> header(String name) {
    String wanted = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
        return Optional.of(line.substring(wanted.length()).strip());
      }
    }
    return Optional.empty();
  }

  /** The Content-Type's media type in lower case ({@code application/json}), or empty. */
  public String mediaType() {
    return header("Content-Type")
        .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .orElse("");
  }
}
