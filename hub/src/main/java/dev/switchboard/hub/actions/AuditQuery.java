package dev.switchboard.hub.actions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to read, newest first: a tenant (every tenant when empty), an actor, an
 * action (exactly, or every action under a prefix such as {@code tenant} for {@code tenant.pbx}), a
 * time range ({@code from} included, {@code to} excluded), and a page ({@code before}: entries
 * older than that id, as the previous page's {@code next_before} said).
 */
public record AuditQuery(
    Optional<String> tenantId,
    Optional<String> actor,
    Optional<String> action,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Long> before,
    int limit) {
  /** Validates the limit (1 to 1000) and the range. */
  public AuditQuery {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(before, "before");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit: must be between 1 and 1000");
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("from: must be before to");
    }
  }

  /** The latest {@code limit} entries of a tenant (every tenant when empty). */
  public static AuditQuery latest(Optional<String> tenantId, int limit) {
    return new AuditQuery(
        tenantId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }
}
