package dev.switchboard.server.testing;

import java.util.Optional;

/**
 * One generated hostile request: its bytes, how they are sent, and what is known of the reply it
 * should get. Reproducible from the generator's seed, its category and its index. Immutable.
 *
 * @param category what kind of attack it is
 * @param index its number within the category's run
 * @param attack what the attack did ({@code "bad escape %u0041 in a path parameter"})
 * @param target the name of the target it was made from
 * @param bytes the request as sent (one or more requests, or garbage)
 * @param pacing how the bytes are sent
 * @param halfClose whether the client half-closes after the last byte (a truncated request then
 *     meets the end of the stream at once, not the server's idle timeout)
 * @param bodilessReply whether the reply has no body whatever its Content-Length (a HEAD)
 * @param routeless whether no route can take the request (not HTTP, {@code OPTIONS *}, {@code
 *     CONNECT}): only the server itself answers it
 * @param errors the error shape of the route the request reaches, if it still reaches its target's
 *     route (else any shape the server documents will do)
 * @param secret the target's secret, masked in the description
 */
public record HostileRequest(
    Category category,
    int index,
    String attack,
    String target,
    byte[] bytes,
    Pacing pacing,
    boolean halfClose,
    boolean bodilessReply,
    boolean routeless,
    Optional<ErrorShape> errors,
    Optional<String> secret) {

  /** Whether the client waits for an answer (it does unless it abandons the request). */
  public boolean expectsAnswer() {
    return !pacing.abandon();
  }

  /** A one-line description: category, index, attack, target and the start of the bytes. */
  public String description() {
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (secret.isPresent() && secret.get().length() >= 6) {
      text = text.replace(secret.get(), "<secret>");
    }
    return category
        + " #"
        + index
        + " "
        + attack
        + " on "
        + target
        + ": "
        + Printable.of(text, 220);
  }

  @Override
  public String toString() {
    return description();
  }
}
