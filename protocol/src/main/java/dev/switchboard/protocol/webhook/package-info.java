/**
 * PBX to CRM webhooks: the ten events as immutable records under {@link
 * dev.switchboard.protocol.webhook.WebhookEvent}, read from URLs, query strings, form and JSON
 * bodies by {@link dev.switchboard.protocol.webhook.WebhookParser} and written back in either
 * edition by {@link dev.switchboard.protocol.webhook.WebhookFormatter}. Parsing never throws
 * anything but {@link dev.switchboard.protocol.ProtocolException} for bad input.
 */
package dev.switchboard.protocol.webhook;
