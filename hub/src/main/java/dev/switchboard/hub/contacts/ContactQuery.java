package dev.switchboard.hub.contacts;

import java.util.Objects;
import java.util.Optional;

/**
 * A search of one tenant's contacts: {@code text} finds a name or company (without regard to case
 * or Vietnamese marks) or, when it looks like a phone number, a phone in any format ({@code 0938
 * 363 739}, {@code +84938363739}, a part such as {@code 0938}); {@code owner} keeps the contacts of
 * one owner extension. One page, by name.
 */
public record ContactQuery(
    String tenantId, Optional<String> text, Optional<String> owner, int offset, int limit) {
  /** Validates the page (offset from 0, limit 1 to 1000). */
  public ContactQuery {
    Objects.requireNonNull(tenantId, "tenantId");
    text = Objects.requireNonNull(text, "text").map(String::strip).filter(t -> !t.isEmpty());
    owner = Objects.requireNonNull(owner, "owner").map(String::strip).filter(o -> !o.isEmpty());
    if (offset < 0) {
      throw new IllegalArgumentException("offset: must be 0 or more");
    }
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit: must be between 1 and 1000");
    }
  }

  /**
   * The significant digits of a text that looks like a phone number (only digits, spaces and {@code
   * + - . ( )}, at least three digits): without the country code 84 or the trunk 0 in front, as the
   * stored trailing digits are. Empty for any other text.
   */
  Optional<String> phoneDigits() {
    if (text.isEmpty() || !text.get().matches("[0-9+\\-.() ]+")) {
      return Optional.empty();
    }
    String digits = text.get().replaceAll("[^0-9]", "");
    if (digits.length() < 3) {
      return Optional.empty();
    }
    if (text.get().startsWith("+") || (digits.startsWith("84") && digits.length() >= 11)) {
      digits = digits.startsWith("84") ? digits.substring(2) : digits;
    }
    if (digits.startsWith("0")) {
      digits = digits.substring(1);
    }
    // Phones are stored with their last nine digits: a longer number (a landline with its area
    // code) is found by those.
    int kept = dev.switchboard.hub.calls.CallStore.TRAILING_DIGITS;
    if (digits.length() > kept) {
      digits = digits.substring(digits.length() - kept);
    }
    return digits.isEmpty() ? Optional.empty() : Optional.of(digits);
  }
}
