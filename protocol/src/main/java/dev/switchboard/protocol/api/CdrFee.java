package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The {@code fee} of a call record: a number of at least 0 with at most {@value #MAX_WHOLE_DIGITS}
 * whole digits and {@value #MAX_DECIMALS} decimals, kept without trailing zeros (so {@code 1500},
 * {@code 1500.0} and {@code "1500"} are the same fee). Stateless.
 */
final class CdrFee {
  static final int MAX_WHOLE_DIGITS = 15;
  static final int MAX_DECIMALS = 9;

  private CdrFee() {}

  /** {@code fee} checked and in its canonical form. */
  static BigDecimal checked(BigDecimal fee, String field) {
    if (fee.signum() < 0) {
      throw ProtocolException.field(field, "is negative");
    }
    BigDecimal stripped = fee.stripTrailingZeros();
    if (stripped.precision() - stripped.scale() > MAX_WHOLE_DIGITS) {
      throw ProtocolException.field(field, "is too large (at most 15 whole digits)");
    }
    if (stripped.scale() > MAX_DECIMALS) {
      throw ProtocolException.field(field, "has more than 9 decimals");
    }
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** A fee sent as a JSON number or as a decimal in text; absent, null and "" mean none. */
  static Optional<BigDecimal> read(JsonNode object, String name, String field) {
    JsonNode node = WireJson.member(object, name);
    if (node == null) {
      return Optional.empty();
    }
    BigDecimal value;
    if (node.isTextual()) {
      String text = node.textValue().trim();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      value = parse(text, field);
    } else if (node.isIntegralNumber()) {
      value = new BigDecimal(node.bigIntegerValue());
    } else if (node.isNumber()) {
      if (!Double.isFinite(node.doubleValue())) {
        throw ProtocolException.field(field, "is not a number");
      }
      value = node.decimalValue();
    } else {
      throw ProtocolException.field(field, "is not a number");
    }
    return Optional.of(checked(value, field));
  }

  /** Writes the fee as a JSON number: a whole number when it has no decimals. */
  static void write(ObjectNode out, String name, BigDecimal fee) {
    if (fee.scale() <= 0) {
      out.put(name, fee.toBigInteger());
    } else {
      out.put(name, fee);
    }
  }

  private static BigDecimal parse(String text, String field) {
    // Digits, a point and decimals only: no exponent, which could ask for a billion digits.
    if (text.length() > 40 || !text.matches("[0-9]+([.][0-9]+)?")) {
      throw ProtocolException.field(
          field, Text.quote(Text.shortened(text, 60)) + " is not a number");
    }
    return new BigDecimal(text);
  }
}
