package dev.switchboard.hub.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the service level divides by, the two variants the large contact-center platforms offer:
 * every call offered (short abandons left out when the tenant excludes them), or only the calls
 * whose fate the threshold decided: those answered and those abandoned after the threshold.
 */
public enum ServiceLevelDenominator {
  /** answered within the threshold / offered. */
  OFFERED,
  /** answered within the threshold / (answered + abandoned after the threshold). */
  ANSWERED_AND_LATE_ABANDONS;

  /** The lower-case name in JSON. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variant with this code. */
  public static Optional<ServiceLevelDenominator> ofCode(String code) {
    return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
  }
}
