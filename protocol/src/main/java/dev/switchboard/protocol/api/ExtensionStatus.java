package dev.switchboard.protocol.api;

import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.webhook.AgentState;

/**
 * One extension's status in an {@link ExtensionStatusReply}: {@code {"ext":"100","status":"on"}}.
 *
 * @param extension the extension
 * @param status off, on, pause, ring, talk, or a value the documents do not list (kept as sent)
 */
public record ExtensionStatus(String extension, AgentState status) {
  /** Validates both parts. */
  public ExtensionStatus {
    extension = Text.identifier("ext", extension, Text.MAX_IDENTIFIER);
    Text.required("status", status);
  }
}
