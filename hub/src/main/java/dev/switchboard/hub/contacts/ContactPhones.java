package dev.switchboard.hub.contacts;

import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;

/**
 * Reads a contact's phone as given (API body, CSV cell), refusing one no caller could ever be
 * matched by: a number is matched by its E.164 form or by its last nine digits, so a value with
 * neither ({@code not-a-phone}, {@code 123}) would make a contact nobody's call finds. Stateless.
 */
public final class ContactPhones {
  private ContactPhones() {}

  /**
   * The phone in {@code raw}.
   *
   * @throws IllegalArgumentException naming the value when it is blank, too long or unmatchable
   */
  public static PhoneNumber matchable(String raw) {
    PhoneNumber phone;
    try {
      phone = PhoneNumber.parse(raw);
    } catch (ProtocolException bad) {
      throw new IllegalArgumentException(bad.getMessage());
    }
    if (phone.e164().isEmpty() && phone.trailingDigits(CallStore.TRAILING_DIGITS).isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + phone.raw()
              + "' is not a phone number a caller can be matched by (no international form and"
              + " fewer than "
              + CallStore.TRAILING_DIGITS
              + " digits)");
    }
    return phone;
  }
}
