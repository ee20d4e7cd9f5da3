package dev.switchboard.protocol.webhook.internal;

import dev.switchboard.protocol.ProtocolException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Validation of the {@code extra} fields an event keeps beside its documented ones. Stateless. */
public final class Extra {
  private Extra() {}

  /**
   * An unmodifiable copy, in the given order, of fields with lower-case names none of which is
   * {@code reserved} (a name the event itself holds, or one that would make it another event).
   */
  public static Map<String, String> copyOf(Map<String, String> extra, Set<String> reserved) {
    Objects.requireNonNull(extra, "extra");
    Map<String, String> copy = new LinkedHashMap<>();
    extra.forEach(
        (name, value) -> {
          Objects.requireNonNull(value, name);
          if (name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw ProtocolException.field(name, "extra field names are lower case and not blank");
          }
          if (reserved.contains(name)) {
            throw ProtocolException.field(
                name, "is a documented field of this event, not an extra");
          }
          copy.put(name, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
