package dev.switchboard.hub.config;

import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.server.SettingsException;
import dev.switchboard.store.DatabaseSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the hub is configured with, one small record per concern, validated when built. Bound
 * from the YAML file, the environment ({@code SWITCHBOARD_*}) and flags by {@link HubConfigLoader}.
 */
public record HubConfig(
    Http http,
    DatabaseSettings database,
    Intake intake,
    Calls calls,
    Stream stream,
    Reconcile reconcile,
    Console console,
    Optional<String> apiToken) {

  /**
   * The console's sessions.
   *
   * @param sessionIdle how long an unused session stays open ({@code console.session_idle})
   * @param sessionMax how long a session stays open at most ({@code console.session_max})
   */
  public record Console(Duration sessionIdle, Duration sessionMax) {
    /** Validates the durations. */
    public Console {
      if (sessionIdle.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new SettingsException("console.session_idle: must be at least 1m");
      }
      if (sessionMax.compareTo(sessionIdle) < 0) {
        throw new SettingsException(
            "console.session_max: must be at least console.session_idle (" + sessionIdle + ")");
      }
    }
  }

  /** Reconciliation with the PBX: the call-record window and how often, the status poll. */
  public record Reconcile(Duration window, Duration every, Duration statusEvery) {
    /** Validates the durations. */
    public Reconcile {
      for (Duration d : new Duration[] {window, every, statusEvery}) {
        if (d.isNegative() || d.isZero()) {
          throw new SettingsException(
              "reconcile.window, reconcile.every and reconcile.status_every must be positive");
        }
      }
    }
  }

  /**
   * The HTTP server.
   *
   * @param host the address to listen on
   * @param port the port (0 picks a free one)
   * @param maxRequestBytes the largest request accepted
   * @param publicUrl the base URL the PBX and people reach the hub at (behind a proxy or a load
   *     balancer), printed in banners and by the tenant commands; without it, {@code
   *     http://localhost:PORT}
   */
  public record Http(String host, int port, long maxRequestBytes, Optional<String> publicUrl) {
    /** Validates the port, size and URL. */
    public Http {
      Objects.requireNonNull(host, "http.host");
      publicUrl = Objects.requireNonNull(publicUrl, "http.public_url").map(Http::baseUrl);
      if (port < 0 || port > 65535) {
        throw new SettingsException(
            "http.port: " + port + " is not a port (0-65535; 0 picks a free one)");
      }
      if (maxRequestBytes < 1024) {
        throw new SettingsException("http.max_request_bytes: must be at least 1024");
      }
    }

    private static String baseUrl(String url) {
      String trimmed = url.strip().replaceAll("/+$", "");
      try {
        java.net.URI uri = new java.net.URI(trimmed);
        if ((uri.getScheme() == null || !uri.getScheme().matches("https?"))
            || uri.getHost() == null) {
          throw new SettingsException(
              "http.public_url: '" + url + "' is not an http:// or https:// URL with a host");
        }
      } catch (java.net.URISyntaxException bad) {
        throw new SettingsException("http.public_url: '" + url + "' is not a URL");
      }
      return trimmed;
    }
  }

  /** Webhook intake. */
  public record Intake(
      SourceNetworks bareSeedPaths,
      int ratePerSecond,
      int rateBurst,
      int queueCapacity,
      int maxBatch) {
    /** Validates the limits. */
    public Intake {
      Objects.requireNonNull(bareSeedPaths, "intake.bare_seed_paths");
      if (ratePerSecond < 1 || rateBurst < 1) {
        throw new SettingsException(
            "intake.rate_per_second and intake.rate_burst must be at least 1");
      }
      if (queueCapacity < 1 || maxBatch < 1) {
        throw new SettingsException("intake.queue and intake.batch must be at least 1");
      }
    }
  }

  /** Call records. */
  public record Calls(Duration sweepAfter, Duration sweepEvery) {
    /** Validates the durations. */
    public Calls {
      if (sweepAfter.isNegative() || sweepAfter.isZero()) {
        throw new SettingsException("calls.sweep_after must be positive");
      }
      if (sweepEvery.isNegative() || sweepEvery.isZero()) {
        throw new SettingsException("calls.sweep_every must be positive");
      }
    }
  }

  /** The live stream. */
  public record Stream(int bufferPerClient, Duration heartbeat, int maxReplayEvents) {
    /** Validates the sizes. */
    public Stream {
      if (bufferPerClient < 1 || maxReplayEvents < 1) {
        throw new SettingsException("stream.buffer and stream.max_replay must be at least 1");
      }
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new SettingsException("stream.heartbeat must be positive");
      }
    }
  }

  /** Validates that every part is present. */
  public HubConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(intake, "intake");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(apiToken, "apiToken");
  }

  /** The defaults: port 8080, SQLite under ./data, loopback-only bare paths, 4 h sweep. */
  public static HubConfig defaults() {
    return new HubConfig(
        new Http("0.0.0.0", 8080, 64 * 1024, Optional.empty()),
        DatabaseSettings.of("jdbc:sqlite:data/hub.db"),
        new Intake(SourceNetworks.loopback(), 10_000, 50_000, 10_000, 500),
        new Calls(Duration.ofHours(4), Duration.ofMinutes(1)),
        new Stream(1000, Duration.ofSeconds(15), 10_000),
        new Reconcile(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofMinutes(1)),
        new Console(Duration.ofMinutes(30), Duration.ofHours(12)),
        Optional.empty());
  }

  /** The same configuration listening on {@code port}. */
  public HubConfig withPort(int port) {
    return new HubConfig(
        new Http(http.host(), port, http.maxRequestBytes(), http.publicUrl()),
        database,
        intake,
        calls,
        stream,
        reconcile,
        console,
        apiToken);
  }

  /** The same configuration on another database. */
  public HubConfig withDatabase(DatabaseSettings other) {
    return new HubConfig(http, other, intake, calls, stream, reconcile, console, apiToken);
  }

  /** The same configuration with other intake settings. */
  public HubConfig withIntake(Intake other) {
    return new HubConfig(http, database, other, calls, stream, reconcile, console, apiToken);
  }

  /** The same configuration with other stream settings. */
  public HubConfig withStream(Stream other) {
    return new HubConfig(http, database, intake, calls, other, reconcile, console, apiToken);
  }

  /** The same configuration with a fixed API token. */
  public HubConfig withApiToken(String token) {
    return new HubConfig(
        http, database, intake, calls, stream, reconcile, console, Optional.of(token));
  }

  /** The same configuration with other console settings. */
  public HubConfig withConsole(Console other) {
    return new HubConfig(http, database, intake, calls, stream, reconcile, other, apiToken);
  }

  /** The same configuration with other reconciliation settings. */
  public HubConfig withReconcile(Reconcile other) {
    return new HubConfig(http, database, intake, calls, stream, other, console, apiToken);
  }

  /** Never shows the API token. */
  @Override
  public String toString() {
    return "HubConfig["
        + http
        + ", "
        + database
        + ", "
        + intake
        + ", "
        + calls
        + ", "
        + stream
        + ", "
        + reconcile
        + ", "
        + console
        + ", apiToken="
        + (apiToken.isPresent() ? "***" : "generated")
        + "]";
  }
}
