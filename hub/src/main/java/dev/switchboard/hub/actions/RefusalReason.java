package dev.switchboard.hub.actions;

import java.util.Locale;

/**
 * The reason a PBX gave for refusing an action, as a word a page can translate: {@code busy},
 * {@code unknown_extension}, {@code offline}, {@code not_talking}, else {@code refused}. Read from
 * the PBX's message (the documents give no codes). Stateless.
 */
public final class RefusalReason {
  private RefusalReason() {}

  /** The reason word for the PBX's message. */
  public static String of(String pbxMessage) {
    String text = pbxMessage == null ? "" : pbxMessage.toLowerCase(Locale.ROOT);
    if (text.contains("busy")) {
      return "busy";
    }
    if (text.contains("does not exist")
        || text.contains("unknown extension")
        || text.contains("no such extension")) {
      return "unknown_extension";
    }
    if (text.contains("offline") || text.contains("not registered") || text.contains(" off")) {
      return "offline";
    }
    if (text.contains("not talking") || text.contains("no call")) {
      return "not_talking";
    }
    return "refused";
  }
}
