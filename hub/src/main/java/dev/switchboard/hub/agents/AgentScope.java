package dev.switchboard.hub.agents;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which agents a caller may see and act on: every agent of a tenant (or of every tenant), or the
 * listed extensions.
 *
 * @param tenant the one tenant, or empty for every tenant (the API token)
 * @param extensions the visible extensions; empty for every one
 */
public record AgentScope(Optional<String> tenant, Optional<Set<String>> extensions) {
  /** Validates and copies the parts. */
  public AgentScope {
    Objects.requireNonNull(tenant, "tenant");
    extensions = Objects.requireNonNull(extensions, "extensions").map(Set::copyOf);
  }

  /** Every agent of {@code tenant} (every tenant when empty). */
  public static AgentScope all(Optional<String> tenant) {
    return new AgentScope(tenant, Optional.empty());
  }

  /** Whether the agent {@code extension} of {@code tenantId} is visible. */
  public boolean admits(String tenantId, String extension) {
    return tenant.map(tenantId::equals).orElse(true)
        && extensions.map(set -> set.contains(extension)).orElse(true);
  }
}
