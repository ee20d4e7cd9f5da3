package dev.switchboard.hub.calls;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * Which calls to list: every part optional; {@code from} inclusive and {@code to} exclusive on the
 * time the call was first seen.
 */
public record CallFilter(
    Optional<String> tenant,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<PhoneNumber> phone,
    Optional<String> extension,
    Optional<String> queue,
    Optional<CallDirection> direction,
    Optional<Outcome> outcome) {

  /** The calls with this customer's number. */
  public static CallFilter ofPhone(PhoneNumber phone) {
    return new CallFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(phone),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** No filter: every call. */
  public static CallFilter none() {
    return new CallFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
