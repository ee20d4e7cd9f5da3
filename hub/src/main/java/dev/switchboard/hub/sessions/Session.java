package dev.switchboard.hub.sessions;

import java.time.Instant;
import java.util.Objects;

/**
 * A console session as stored: never its id, only the id's hash.
 *
 * @param idHash the SHA-256 of the session id (the cookie's value)
 * @param username whose session it is
 * @param csrfToken the token every state-changing request must carry in {@code X-CSRF-Token}
 * @param createdAt when it was opened (absolute expiry counts from here)
 * @param lastSeenAt when it was last used (idle expiry counts from here), to within a minute
 */
public record Session(
    String idHash, String username, String csrfToken, Instant createdAt, Instant lastSeenAt) {
  /** Validates that every field is present. */
  public Session {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
  }
}
