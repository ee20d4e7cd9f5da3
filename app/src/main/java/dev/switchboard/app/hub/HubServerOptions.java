package dev.switchboard.app.hub;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where {@code switchboard hub} listens: options only the serving command has. */
public final class HubServerOptions {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "HTTP port to listen on (default 8080; 0 picks a free one). Env: SWITCHBOARD_PORT.")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 0.0.0.0). Env: SWITCHBOARD_HOST.")
  String host;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The URL the PBX and people reach this hub at, behind a proxy (default"
              + " http://localhost:PORT). Env: SWITCHBOARD_PUBLIC_URL.")
  String publicUrl;

  /** These flags as settings by name. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    if (port != null) {
      settings.put("http.port", Integer.toString(port));
    }
    if (host != null) {
      settings.put("http.host", host);
    }
    if (publicUrl != null) {
      settings.put("http.public_url", publicUrl);
    }
    return settings;
  }
}
