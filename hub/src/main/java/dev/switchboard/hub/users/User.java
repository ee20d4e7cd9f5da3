package dev.switchboard.hub.users;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A console user, without the password.
 *
 * @param username the login name: 2-32 lower-case letters, digits, '.', '-' or '_'
 * @param tenantId the tenant the user belongs to
 * @param displayName the name shown on the pages (any Unicode)
 * @param role what the user may do
 * @param extension the user's own extension: required for an agent, optional otherwise
 * @param queues the queues the user watches; empty for all queues
 * @param language {@code vi} or {@code en}
 */
public record User(
    String username,
    String tenantId,
    String displayName,
    Role role,
    Optional<String> extension,
    Optional<List<String>> queues,
    String language) {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
  private static final Pattern QUEUE = Pattern.compile("[0-9A-Za-z_-]{1,16}");

  /** The languages the console speaks. */
  public static final List<String> LANGUAGES = List.of("vi", "en");

  /** Validates every field, naming the one that is wrong. */
  public User {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "username: '"
              + username
              + "' must be 2-32 lower-case letters, digits, '.', '-' or '_', starting with a"
              + " letter or digit");
    }
    Objects.requireNonNull(tenantId, "tenantId");
    if (displayName == null || displayName.isBlank()) {
      displayName = username;
    }
    displayName = displayName.strip();
    if (displayName.length() > 100) {
      throw new IllegalArgumentException("display_name: at most 100 characters");
    }
    Objects.requireNonNull(role, "role");
    extension = Objects.requireNonNull(extension, "extension").map(String::strip);
    extension.ifPresent(
        value -> {
          if (!EXTENSION.matcher(value).matches()) {
            throw new IllegalArgumentException("extension: '" + value + "' must be 2-8 digits");
          }
        });
    if (role == Role.AGENT && extension.isEmpty()) {
      throw new IllegalArgumentException("extension: an agent needs one (--extension)");
    }
    queues = Objects.requireNonNull(queues, "queues").map(List::copyOf);
    queues.ifPresent(
        list -> {
          for (String queue : list) {
            if (!QUEUE.matcher(queue).matches()) {
              throw new IllegalArgumentException("queues: '" + queue + "' is not a queue number");
            }
          }
        });
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("language: '" + language + "' is not vi or en");
    }
  }

  /** Parses a comma-separated queue list; blank or {@code all} for all queues. */
  public static Optional<List<String>> queueList(String text) {
    if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    return Optional.of(
        java.util.Arrays.stream(text.split(","))
            .map(String::strip)
            .filter(q -> !q.isEmpty())
            .distinct()
            .toList());
  }

  /** Whether the user watches every queue. */
  public boolean allQueues() {
    return queues.isEmpty();
  }

  /** This user with another language. */
  public User withLanguage(String other) {
    return new User(username, tenantId, displayName, role, extension, queues, other);
  }
}
