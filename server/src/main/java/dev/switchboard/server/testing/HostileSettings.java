package dev.switchboard.server.testing;

/**
 * How big a hostile run is, from system properties: {@code hostile.requests} (all categories
 * together; 2800 by default, about 200 a category, a few dozen for the slow clients) and {@code
 * hostile.seed} (1 by default; a failure names its category and index, and the same seed makes the
 * same requests). Stateless.
 */
public final class HostileSettings {
  /** Requests of all categories together when {@code hostile.requests} is not set. */
  public static final int DEFAULT_REQUESTS = 2800;

  private HostileSettings() {}

  /** The seed. */
  public static long seed() {
    return Long.getLong("hostile.seed", 1L);
  }

  /** All requests together. */
  public static int requests() {
    return Integer.getInteger("hostile.requests", DEFAULT_REQUESTS);
  }

  /**
   * The requests of {@code category}: an equal share, but an eighth of that (at least 7) for slow
   * clients, which take most of a second each.
   */
  public static int requestsOf(Category category) {
    int share = Math.max(1, requests() / Category.values().length);
    return category == Category.SLOW_CLIENTS ? Math.max(7, share / 8) : share;
  }
}
