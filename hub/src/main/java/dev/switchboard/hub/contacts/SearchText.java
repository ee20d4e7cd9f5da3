package dev.switchboard.hub.contacts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as the contacts search compares it: lower case, without marks ({@code Nguyễn Văn Đức} is
 * {@code nguyen van duc}), spaces collapsed. Computed in Java for both databases alike (SQLite's
 * {@code lower()} knows only ASCII). Stateless.
 */
final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private SearchText() {}

  /** The normalised form of {@code text}. */
  static String of(String text) {
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
    String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'd');
    return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** What a contact is searched by: its name and company. */
  static String of(Contact contact) {
    return of(contact.name() + " " + contact.company().orElse(""));
  }

  /**
   * {@code text} for a {@code like} pattern with {@code !} as its escape (not a backslash, which
   * JDBI's statement parser reads as its own escape).
   */
  static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
