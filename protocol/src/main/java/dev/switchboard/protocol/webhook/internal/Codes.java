package dev.switchboard.protocol.webhook.internal;

import dev.switchboard.protocol.internal.Text;
import java.util.Locale;
import java.util.Map;

/**
 * Open code lists (statuses, events, directions): known spellings map to one canonical code; a
 * value the documents do not list is kept exactly as sent, never rejected. Stateless.
 */
public final class Codes {
  private Codes() {}

  /**
   * The canonical code for {@code raw}: looked up by its trimmed upper-case form in {@code
   * spellings}; when absent, {@code raw} trimmed.
   */
  public static String canonical(String field, String raw, Map<String, String> spellings) {
    String trimmed = Text.identifier(field, raw, 64);
    return spellings.getOrDefault(trimmed.toUpperCase(Locale.ROOT), trimmed);
  }
}
