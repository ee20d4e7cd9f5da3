package dev.switchboard.hub.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report covers, as checked against the caller's scope.
 *
 * @param tenantId the tenant
 * @param zone the tenant's time zone: the days and hours are its own
 * @param from the first day, inclusive
 * @param to the last day, inclusive
 * @param queues the queues counted; empty for every queue
 * @param namesByExtension agents' names, where known
 */
public record ReportRequest(
    String tenantId,
    ZoneId zone,
    LocalDate from,
    LocalDate to,
    Optional<Set<String>> queues,
    Map<String, String> namesByExtension) {
  /** The longest range a report covers, in days. */
  public static final int MAX_DAYS = 366;

  /** Validates the range. */
  public ReportRequest {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(zone, "zone");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from is after to");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
      throw new IllegalArgumentException("the range is longer than " + MAX_DAYS + " days");
    }
    queues = queues.map(Set::copyOf);
    namesByExtension = Map.copyOf(namesByExtension);
  }

  /** The range's start: midnight of {@code from} in the zone, epoch milliseconds. */
  long startMillis() {
    return from.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** The range's end (exclusive): midnight after {@code to}, epoch milliseconds. */
  long endMillis() {
    return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
  }
}
