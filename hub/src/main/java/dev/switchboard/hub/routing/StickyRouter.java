package dev.switchboard.hub.routing;

import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.Contact;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.tenants.RoutingPolicy;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Chooses the agent a caller should ring, by the tenant's {@link RoutingPolicy}: each rule in turn
 * ({@code owner}: the matched contact's owner extension; {@code last-agent}: the agent of the
 * caller's most recent connected call within the window); an agent whose board status is {@code
 * off} is never chosen; no choice leaves the call to the queue. Reads only indexed rows: the
 * caller's contacts, the caller's latest call, one agent's status. Thread-safe.
 */
public final class StickyRouter {
  private final Jdbi jdbi;
  private final ContactStore contacts;
  private final CallStore calls;
  private final AgentBoard agents;

  /** A router over the hub's stores. */
  public StickyRouter(Jdbi jdbi, ContactStore contacts, CallStore calls, AgentBoard agents) {
    this.jdbi = jdbi;
    this.contacts = contacts;
    this.calls = calls;
    this.agents = agents;
  }

  /**
   * The choice for one caller.
   *
   * @param extension the agent to ring, or empty for the queue as usual
   * @param rule the rule that chose it
   * @param reason why, in words, for the log (e.g. {@code owner 101 is off})
   */
  public record Route(
      Optional<String> extension, Optional<RoutingPolicy.Rule> rule, String reason) {}

  /** Routes {@code phone} calling {@code tenantId} at {@code now} by {@code policy}. */
  public Route route(String tenantId, PhoneNumber phone, RoutingPolicy policy, Instant now) {
    if (policy.isOff()) {
      return new Route(Optional.empty(), Optional.empty(), "routing is off");
    }
    return jdbi.withHandle(
        handle -> {
          StringBuilder reasons = new StringBuilder();
          for (RoutingPolicy.Rule rule : policy.rules()) {
            Optional<String> candidate =
                switch (rule) {
                  case OWNER -> owner(handle, tenantId, phone);
                  case LAST_AGENT ->
                      calls.lastConnectedAgent(handle, tenantId, phone, now.minus(policy.window()));
                };
            if (candidate.isEmpty()) {
              note(reasons, "no " + rule.code());
            } else if (isOff(handle, tenantId, candidate.get())) {
              note(reasons, rule.code() + " " + candidate.get() + " is off");
            } else {
              return new Route(candidate, Optional.of(rule), rule.code() + " " + candidate.get());
            }
          }
          return new Route(Optional.empty(), Optional.empty(), reasons.toString());
        });
  }

  private Optional<String> owner(Handle handle, String tenantId, PhoneNumber phone) {
    return contacts.match(handle, tenantId, phone).stream()
        .map(Contact::ownerExtension)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private boolean isOff(Handle handle, String tenantId, String extension) {
    return agents
        .current(handle, tenantId, extension)
        .map(AgentStatus::status)
        .filter("off"::equals)
        .isPresent();
  }

  private static void note(StringBuilder reasons, String reason) {
    reasons.append(reasons.isEmpty() ? "" : "; ").append(reason);
  }
}
