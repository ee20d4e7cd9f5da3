package dev.switchboard.server;

import io.javalin.config.JavalinConfig;

/**
 * The HTTP server settings every Switchboard server shares (the hub, the emulator, and the
 * benchmarks' do-nothing endpoints, which must be measured on the same settings): Jetty 12 with a
 * virtual thread per request, no banner, and a small copy buffer for replies.
 *
 * <p>Javalin copies each reply into Jetty's output through a buffer of its own, allocated for every
 * request, as large as Jetty's output buffer (32 KiB) unless told otherwise: 32 KiB of garbage per
 * webhook answered with 41 bytes, three quarters of what the hub's request threads allocated under
 * the intake benchmark. Jetty's own output buffer (pooled, not per request) still gathers the
 * pieces, so a large reply costs a few more copies into it and nothing else.
 */
public final class HttpServerDefaults {
  /** Bytes of Javalin's per-request copy buffer; Jetty's pooled output buffer stays 32 KiB. */
  public static final int REPLY_COPY_BUFFER = 2048;

  private HttpServerDefaults() {}

  /** Applies the shared settings to {@code config}. */
  public static void apply(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.concurrency.useVirtualThreads = true;
    config.http.responseBufferSize = REPLY_COPY_BUFFER;
  }
}
