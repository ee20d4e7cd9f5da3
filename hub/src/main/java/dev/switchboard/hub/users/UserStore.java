package dev.switchboard.hub.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The console's users, stored with their password hashes. Changing a user's password or removing
 * the user ends their sessions (the session table is cleared here, in the same transaction).
 * Thread-safe.
 */
public final class UserStore {
  private static final String COLUMNS =
      "username, tenant_id, display_name, role, extension, queues, language";

  private final Jdbi jdbi;
  private final Clock clock;

  /** Users stored through {@code jdbi}. */
  public UserStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Thrown when a user name is already taken. */
  public static final class DuplicateUserException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DuplicateUserException(String message) {
      super(message);
    }
  }

  /** Thrown when no user has the name. */
  public static final class UnknownUserException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownUserException(String message) {
      super(message);
    }
  }

  /** Adds {@code user} with {@code password} (hashed here); refuses a name already taken. */
  public void add(User user, String password) {
    String hash = Passwords.hash(password);
    long now = clock.millis();
    jdbi.useTransaction(
        handle -> {
          if (find(handle, user.username()).isPresent()) {
            throw new DuplicateUserException("user '" + user.username() + "' already exists");
          }
          handle
              .createUpdate(
                  "insert into users ("
                      + COLUMNS
                      + ", password_hash, created_at, updated_at) values (:username, :tenant,"
                      + " :name, :role, :extension, :queues, :language, :hash, :now, :now)")
              .bind("username", user.username())
              .bind("tenant", user.tenantId())
              .bind("name", user.displayName())
              .bind("role", user.role().code())
              .bind("extension", user.extension().orElse(null))
              .bind("queues", user.queues().map(q -> String.join(",", q)).orElse(null))
              .bind("language", user.language())
              .bind("hash", hash)
              .bind("now", now)
              .execute();
        });
  }

  /** Replaces the user's name, role, extension, queues and language (not the password). */
  public void update(User user) {
    int changed =
        jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update users set display_name = :name, role = :role, extension ="
                            + " :extension, queues = :queues, language = :language, updated_at ="
                            + " :now where username = :username")
                    .bind("username", user.username())
                    .bind("name", user.displayName())
                    .bind("role", user.role().code())
                    .bind("extension", user.extension().orElse(null))
                    .bind("queues", user.queues().map(q -> String.join(",", q)).orElse(null))
                    .bind("language", user.language())
                    .bind("now", clock.millis())
                    .execute());
    if (changed == 0) {
      throw noSuchUser(user.username());
    }
  }

  /** Sets a new password (hashed here) and ends the user's sessions. */
  public void setPassword(String username, String password) {
    String hash = Passwords.hash(password);
    jdbi.useTransaction(
        handle -> {
          int changed =
              handle
                  .createUpdate(
                      "update users set password_hash = :hash, updated_at = :now"
                          + " where username = :username")
                  .bind("hash", hash)
                  .bind("now", clock.millis())
                  .bind("username", username)
                  .execute();
          if (changed == 0) {
            throw noSuchUser(username);
          }
          endSessions(handle, username);
        });
  }

  /** Removes the user and their sessions. */
  public void remove(String username) {
    jdbi.useTransaction(
        handle -> {
          int removed =
              handle
                  .createUpdate("delete from users where username = :username")
                  .bind("username", username)
                  .execute();
          if (removed == 0) {
            throw noSuchUser(username);
          }
          endSessions(handle, username);
        });
  }

  /** The user named {@code username}. */
  public Optional<User> find(String username) {
    return jdbi.withHandle(handle -> find(handle, username));
  }

  /** Every user, by name. */
  public List<User> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from users order by username")
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /**
   * The user whose name and password these are; empty for a wrong password and an unknown name
   * alike, after the same Argon2id work.
   */
  public Optional<User> authenticate(String username, String password) {
    record Row(User user, String hash) {}
    Optional<Row> row =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "select " + COLUMNS + ", password_hash from users where username = :u")
                    .bind("u", username == null ? "" : username.strip())
                    .map((rs, ctx) -> new Row(read(rs), rs.getString("password_hash")))
                    .findOne());
    boolean matches = Passwords.matches(password, row.map(Row::hash).orElse(null));
    return matches ? row.map(Row::user) : Optional.empty();
  }

  private static Optional<User> find(Handle handle, String username) {
    return handle
        .createQuery("select " + COLUMNS + " from users where username = :u")
        .bind("u", username)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  private static void endSessions(Handle handle, String username) {
    handle.createUpdate("delete from sessions where username = :u").bind("u", username).execute();
  }

  private static UnknownUserException noSuchUser(String username) {
    return new UnknownUserException("no user '" + username + "'");
  }

  private static User read(ResultSet rs) throws SQLException {
    return new User(
        rs.getString("username"),
        rs.getString("tenant_id"),
        rs.getString("display_name"),
        Role.of(rs.getString("role")),
        Optional.ofNullable(rs.getString("extension")),
        User.queueList(rs.getString("queues")),
        rs.getString("language"));
  }
}
