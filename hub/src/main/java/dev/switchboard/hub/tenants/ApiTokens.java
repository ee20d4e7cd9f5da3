package dev.switchboard.hub.tenants;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The bearer token that protects {@code /v1/*}: set by the operator or generated on first start,
 * stored hashed, compared in constant time. Thread-safe.
 */
public final class ApiTokens {
  private final Jdbi jdbi;
  private final Clock clock;
  private volatile List<String> hashes = List.of();

  /** Tokens stored through {@code jdbi}. */
  public ApiTokens(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Makes sure a token exists: {@code configured} (replacing any other) when given, else the stored
   * one, else a new one. Returns a newly generated token, to be shown once; empty otherwise.
   */
  public Optional<String> ensure(Optional<String> configured) {
    if (configured.isPresent()) {
      if (configured.get().length() < 16) {
        throw new IllegalArgumentException(
            "api_token (SWITCHBOARD_API_TOKEN) must be at least 16 characters");
      }
      jdbi.useTransaction(
          handle -> {
            // Hubs starting at once with the same token each leave exactly that one.
            handle
                .createUpdate("delete from api_tokens where token_hash <> :hash")
                .bind("hash", Secrets.hash(configured.get()))
                .execute();
            handle
                .createUpdate(
                    "insert into api_tokens (token_hash, created_at) values (:hash, :now)"
                        + " on conflict (token_hash) do nothing")
                .bind("hash", Secrets.hash(configured.get()))
                .bind("now", clock.millis())
                .execute();
          });
      reload();
      return Optional.empty();
    }
    reload();
    if (!hashes.isEmpty()) {
      return Optional.empty();
    }
    String token = Secrets.newToken();
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into api_tokens (token_hash, created_at) values (:hash, :now)")
                .bind("hash", Secrets.hash(token))
                .bind("now", clock.millis())
                .execute());
    reload();
    return Optional.of(token);
  }

  /** Whether {@code token} is a valid API token. */
  public boolean verify(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return false;
    }
    boolean valid = false;
    for (String hash : hashes) {
      valid |= Secrets.matches(token, hash);
    }
    return valid;
  }

  private void reload() {
    hashes =
        jdbi.withHandle(
            h -> h.createQuery("select token_hash from api_tokens").mapTo(String.class).list());
  }
}
