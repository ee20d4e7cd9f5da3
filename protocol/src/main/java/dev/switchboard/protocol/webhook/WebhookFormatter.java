package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.Edition;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Writes events in the exact wire form of one edition, with calldates as local time in the tenant's
 * zone. This is how the PBX emulator emits webhooks. Immutable and thread-safe.
 */
public final class WebhookFormatter {
  private final Edition edition;
  private final ZoneId zone;

  /** A formatter for {@code edition}, writing calldates in {@code zone}. */
  public WebhookFormatter(Edition edition, ZoneId zone) {
    this.edition = Objects.requireNonNull(edition, "edition");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The request that carries {@code event}. */
  public WebhookRequest format(WebhookEvent event) {
    WireWriter writer = new WireWriter(event.type().path(), edition, zone);
    event.writeTo(writer);
    return writer.build();
  }

  /** The edition written. */
  public Edition edition() {
    return edition;
  }
}
