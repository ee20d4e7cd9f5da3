package dev.switchboard.hub.users;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id (Password4j), at OWASP's recommended cost (19 MiB, two passes, one
 * lane), salted, stored in the PHC string form so the cost can rise later without breaking old
 * hashes. Stateless; thread-safe.
 */
public final class Passwords {
  /** The shortest password accepted. */
  public static final int MIN_LENGTH = 8;

  private static final int MAX_LENGTH = 256;
  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

  /** A hash to check against when the user is unknown, so both cost the same time. */
  private static final String DECOY = hash("decoy-password-never-used");

  private Passwords() {}

  /** Refuses a password that is too short or too long, naming the rule. */
  public static void validate(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "password: must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("password: at most " + MAX_LENGTH + " characters");
    }
  }

  /** The stored form of {@code password} (validated first). */
  public static String hash(String password) {
    validate(password);
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  /** Whether {@code password} matches {@code storedHash}; a null hash checks against a decoy. */
  public static boolean matches(String password, String storedHash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    String hash = storedHash == null ? DECOY : storedHash;
    boolean ok;
    try {
      ok = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException unreadableHash) {
      ok = false;
    }
    return ok && storedHash != null;
  }

  /** A new password for a person to type: 16 characters from an unambiguous alphabet. */
  public static String generate() {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    var random = new java.security.SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
