package dev.switchboard.protocol.webhook;

import java.util.Objects;

/**
 * A webhook as understood ({@code event}) beside the fields as received ({@code raw}), kept for
 * audit and for showing a developer what arrived.
 *
 * @param path the path it arrived on (or was inferred from the fields)
 * @param event what it means
 * @param raw the fields as received
 * @param pathInferred whether {@code path} was inferred from the fields because the input (a bare
 *     JSON body) did not say
 */
public record DecodedWebhook(
    WebhookPath path, WebhookEvent event, RawFields raw, boolean pathInferred) {
  /** All parts are required. */
  public DecodedWebhook {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(raw, "raw");
  }
}
