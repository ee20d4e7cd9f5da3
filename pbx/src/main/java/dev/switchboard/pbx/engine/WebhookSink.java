package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.webhook.WebhookEvent;

/** Where the engine sends the webhooks it produces (the dispatcher, or a test's list). */
@FunctionalInterface
public interface WebhookSink {

  /**
   * Takes one webhook of {@code tenant}; webhooks with the same {@code orderingKey} (a callid, or
   * {@code agent:EXT}) must reach the CRM in the order given.
   */
  void emit(TenantSetup tenant, String orderingKey, WebhookEvent event);
}
