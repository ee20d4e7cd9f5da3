package dev.switchboard.pbx.config;

import dev.switchboard.store.DatabaseSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator runs with, one small record per concern.
 *
 * @param http where it listens, and the public URL recordings are served under (default: its own)
 * @param database the outbox's database
 * @param tenants the companies it serves
 * @param clock how simulated time runs
 * @param traffic generated calls per hour (0: none, only scripted calls)
 * @param seed makes call ids and traffic repeatable
 * @param delivery how webhooks are delivered
 */
public record PbxConfig(
    Http http,
    DatabaseSettings database,
    List<TenantSetup> tenants,
    ClockSettings clock,
    double traffic,
    long seed,
    Delivery delivery) {

  /** The HTTP server. */
  public record Http(String host, int port, Optional<String> publicUrl) {
    /** Validates the port. */
    public Http {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("http.port: " + port + " is not a port (0-65535)");
      }
      Objects.requireNonNull(publicUrl, "publicUrl");
    }
  }

  /** Simulated time: {@code speed} times real time, or stepped by hand through the control API. */
  public record ClockSettings(double speed, boolean stepped) {
    /** Validates the speed. */
    public ClockSettings {
      if (speed <= 0 || speed > 10_000) {
        throw new IllegalArgumentException(
            "speed: must be above 0 and at most 10000 (got " + speed + ")");
      }
    }
  }

  /**
   * Webhook delivery: retries until {@code giveUpAfter}, the share silently dropped, and how many
   * tries a webhook the CRM refuses (a 4xx other than 408, 425 and 429) gets before it is a dead
   * letter.
   */
  public record Delivery(Duration giveUpAfter, double dropRate, int refusedTries) {
    /** The default number of tries for a refused webhook. */
    public static final int DEFAULT_REFUSED_TRIES = 3;

    /** Retries until {@code giveUpAfter}, drops {@code dropRate}, 3 tries for a refused webhook. */
    public Delivery(Duration giveUpAfter, double dropRate) {
      this(giveUpAfter, dropRate, DEFAULT_REFUSED_TRIES);
    }

    /** Validates the drop rate (0..1), the give-up time and the tries for refused webhooks. */
    public Delivery {
      if (dropRate < 0 || dropRate > 1) {
        throw new IllegalArgumentException(
            "drop rate: must be between 0 and 1 (got " + dropRate + ")");
      }
      if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
        throw new IllegalArgumentException("dispatch.give_up_after: must be positive");
      }
      if (refusedTries < 1 || refusedTries > 100) {
        throw new IllegalArgumentException(
            "dispatch.refused_tries: must be between 1 and 100 (got " + refusedTries + ")");
      }
    }
  }

  /** Validates that there is at least one tenant and domains and keys are unique. */
  public PbxConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(database, "database");
    tenants = List.copyOf(tenants);
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("tenants: at least one is needed");
    }
    if (tenants.stream().map(TenantSetup::domain).distinct().count() != tenants.size()) {
      throw new IllegalArgumentException("tenants: two have the same domain");
    }
    if (traffic < 0) {
      throw new IllegalArgumentException("traffic: must not be negative");
    }
  }
}
