package dev.switchboard.hub.events;

import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.util.Locale;

/** How a webhook's raw text was carried, so it can be read again exactly as it arrived. */
public enum RawFormat {
  QUERY,
  FORM,
  JSON;

  /** Reads {@code raw} again with {@code parser}. */
  public DecodedWebhook parse(WebhookParser parser, WebhookPath path, String raw) {
    switch (this) {
      case QUERY:
        return parser.parseQuery(path, raw);
      case FORM:
        return parser.parseForm(path, raw);
      case JSON:
        return parser.parseJson(path, raw);
      default:
        throw new IllegalStateException("unhandled format " + this);
    }
  }

  /** The stored name. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
