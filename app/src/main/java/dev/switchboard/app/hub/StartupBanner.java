package dev.switchboard.app.hub;

import dev.switchboard.hub.Hub;
import java.io.PrintWriter;

/** What the hub prints when it is ready: where it listens and what to give the PBX. */
final class StartupBanner {
  private StartupBanner() {}

  static void print(PrintWriter out, Hub hub, String version, long startMillis) {
    out.printf(
        "Switchboard hub %s ready in %.1f s on %s%n", version, startMillis / 1000.0, hub.baseUrl());
    out.printf("  database      %s%n", hub.config().database().redactedUrl());
    out.printf(
        "  API           %s/v1/calls   (Authorization: Bearer <API token>)%n", hub.baseUrl());
    out.printf("  live stream   %s/v1/stream%n", hub.baseUrl());
    hub.startup()
        .defaultTenant()
        .ifPresentOrElse(
            created ->
                out.printf(
                    "  webhook URL   %s/hooks/%s%n"
                        + "                give this base URL to the PBX (default tenant); shown once."
                        + " New one: switchboard hub tenant rotate-token default%n",
                    hub.baseUrl(), created.token()),
            () ->
                out.printf(
                    "  webhook URL   %s/hooks/<token>   (tokens: switchboard hub tenant list | rotate-token)%n",
                    hub.baseUrl()));
    hub.startup()
        .generatedApiToken()
        .ifPresent(
            token ->
                out.printf(
                    "  API token     %s   (generated; shown once, stored hashed; set SWITCHBOARD_API_TOKEN to choose one)%n",
                    token));
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
