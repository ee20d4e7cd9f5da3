package dev.switchboard.protocol.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.switchboard.protocol.ProtocolException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number as the PBX wrote it ({@code raw}: {@code 0938363739}, {@code 84938363739}, {@code
 * +84938363739}) and, when it is a dialable number, the same number in E.164 ({@code +84938363739})
 * for matching.
 *
 * <p>A raw value that is not a dialable number (an internal extension such as {@code 102}, a
 * withheld caller id such as {@code anonymous}, the documents' own placeholder {@code 093xxxxxxx})
 * is kept as it is with no E.164 form: it is never guessed at. In particular letters are never read
 * as keypad digits.
 *
 * @param raw the number as received, trimmed; never blank
 * @param e164 the E.164 form, when the number is dialable
 */
public record PhoneNumber(String raw, Optional<String> e164) {
  /** Longest raw value accepted. */
  public static final int MAX_LENGTH = 64;

  /** Vietnam: numbers in national format ({@code 09...}) are read in this region by default. */
  public static final String DEFAULT_REGION = "VN";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern DIALABLE = Pattern.compile("\\+?[0-9][0-9 ().\\-]{2,30}");

  /** Validates the parts; use {@link #parse} to build one from wire text. */
  public PhoneNumber {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(e164, "e164");
    if (raw.isBlank()) {
      throw ProtocolException.field("phone", "is empty");
    }
    if (raw.length() > MAX_LENGTH) {
      throw ProtocolException.field(
          "phone", "is " + raw.length() + " characters long (at most " + MAX_LENGTH + ")");
    }
  }

  /** Reads a number in Vietnam's national format or any international one. */
  public static PhoneNumber parse(String raw) {
    return parse(raw, DEFAULT_REGION);
  }

  /**
   * Reads a number, taking national-format numbers to be in {@code region} (ISO 3166 code).
   *
   * @throws ProtocolException when {@code raw} is blank or too long
   */
  public static PhoneNumber parse(String raw, String region) {
    if (raw == null) {
      throw ProtocolException.field("phone", "is missing");
    }
    String trimmed = raw.trim();
    return new PhoneNumber(trimmed, toE164(trimmed, region));
  }

  private static Optional<String> toE164(String raw, String region) {
    if (raw.length() > MAX_LENGTH || !DIALABLE.matcher(raw).matches()) {
      return Optional.empty();
    }
    try {
      var number = UTIL.parse(raw, region);
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException notANumber) {
      return Optional.empty();
    }
  }

  /**
   * The number as people in {@code region} dial it, digits only: {@code 0938363739} for a
   * Vietnamese number in {@link #DEFAULT_REGION}, the E.164 form for a foreign one, the raw text
   * when the number is not dialable.
   */
  public String national(String region) {
    if (e164.isEmpty()) {
      return raw;
    }
    try {
      var number = UTIL.parse(e164.get(), region);
      if (!region.equals(UTIL.getRegionCodeForNumber(number))) {
        return e164.get();
      }
      return digitsOf(UTIL.format(number, PhoneNumberFormat.NATIONAL));
    } catch (NumberParseException unreadable) {
      return e164.get();
    }
  }

  /** The national form in Vietnam ({@link #national(String)} in {@link #DEFAULT_REGION}). */
  public String national() {
    return national(DEFAULT_REGION);
  }

  /** The E.164 form when there is one, else the raw text. */
  public String best() {
    return e164.orElse(raw);
  }

  /**
   * The last {@code count} digits, for matching numbers stored in another format; empty when the
   * number has fewer digits.
   */
  public Optional<String> trailingDigits(int count) {
    String digits = digitsOf(best());
    return digits.length() < count
        ? Optional.empty()
        : Optional.of(digits.substring(digits.length() - count));
  }

  /** The ASCII digits of {@code text}, in order (a loop: this runs for every call saved). */
  private static String digitsOf(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  @Override
  public String toString() {
    return e164.map(e -> e + " (" + raw + ")").orElse(raw);
  }
}
