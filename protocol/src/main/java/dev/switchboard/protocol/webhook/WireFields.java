package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.internal.CallDates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed values out of received fields for one event, remembering which fields it used so the
 * rest become the event's {@code extra}. Not thread-safe; one per parse.
 */
final class WireFields {
  /** Longest duration accepted: ten days, in seconds. */
  static final long MAX_SECONDS = 864_000;

  static final int MAX_IDENTIFIER = 64;
  static final int MAX_URL = 2048;

  private final RawFields raw;
  private final ZoneId zone;
  private final String region;
  private final Set<String> used = new HashSet<>();

  WireFields(RawFields raw, ZoneId zone, String region) {
    this.raw = raw;
    this.zone = zone;
    this.region = region;
  }

  /** Whether the field is present with a non-blank value (does not mark it used). */
  boolean has(String name) {
    return raw.has(name);
  }

  /** The trimmed value; an empty value counts as absent. Marks the field used. */
  Optional<String> text(String name) {
    used.add(name);
    return raw.get(name).map(String::trim).filter(value -> !value.isEmpty());
  }

  CallId callId() {
    return new CallId(text("callid").orElseThrow(CallId::missing));
  }

  Optional<String> identifier(String name) {
    return text(name).map(value -> Text.identifier(name, value, MAX_IDENTIFIER));
  }

  String requiredIdentifier(String name) {
    return identifier(name).orElseThrow(() -> missing(name));
  }

  Optional<PhoneNumber> phone() {
    return text("phone").map(value -> PhoneNumber.parse(value, region));
  }

  PhoneNumber requiredPhone() {
    return phone().orElseThrow(() -> missing("phone"));
  }

  Optional<Instant> calldate() {
    return text("calldate").map(value -> CallDates.parse(value, zone));
  }

  /** A whole, non-negative number of seconds. */
  Optional<Duration> seconds(String name) {
    return text(name).map(value -> Duration.ofSeconds(wholeSeconds(name, value)));
  }

  Optional<String> url(String name) {
    return text(name)
        .map(
            value -> {
              if (value.length() > MAX_URL) {
                throw ProtocolException.field(
                    name, "is " + value.length() + " characters long (at most " + MAX_URL + ")");
              }
              return value;
            });
  }

  <T> Optional<T> code(String name, Function<String, T> reader) {
    return text(name).map(reader);
  }

  /** The fields not used by the event, by lower-case name, in arrival order. */
  Map<String, String> extra() {
    Map<String, String> extra = new LinkedHashMap<>();
    for (RawField field : raw.fields()) {
      String name = RawFields.normalise(field.name());
      if (!used.contains(name)) {
        extra.putIfAbsent(name, field.value());
      }
    }
    return Collections.unmodifiableMap(extra);
  }

  static ProtocolException missing(String name) {
    return ProtocolException.field(name, "is missing");
  }

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,18}");

  private static long wholeSeconds(String name, String value) {
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw ProtocolException.field(name, Text.quote(value) + " is not a whole number of seconds");
    }
    long seconds = Long.parseLong(value);
    if (seconds < 0) {
      throw ProtocolException.field(name, "is negative (" + value + ")");
    }
    if (seconds > MAX_SECONDS) {
      throw ProtocolException.field(
          name, value + " seconds is more than ten days (" + MAX_SECONDS + ")");
    }
    return seconds;
  }
}
