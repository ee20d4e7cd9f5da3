package dev.switchboard.hub.access;

import dev.switchboard.hub.agents.AgentScope;
import dev.switchboard.hub.calls.CallScope;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.calls.Outcome;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The scope of a caller (issue 10, "Roles and scope"):
 *
 * <ul>
 *   <li>API token: everything in every tenant;
 *   <li>admin, and a supervisor of all queues: everything in their tenant;
 *   <li>supervisor of some queues: the calls of those queues, and the calls of those queues'
 *       agents; those agents and their own extension;
 *   <li>agent: the calls of their extension and the missed calls of their queues; their own agent
 *       only.
 * </ul>
 *
 * A queue's agents are the extensions the hub has seen rung at, answering or placing its latest
 * {@value #RECENT_CALLS} calls: what the hub itself knows, without asking the PBX. Thread-safe.
 */
public final class Scopes {
  static final int RECENT_CALLS = 500;

  private final Jdbi jdbi;
  private final CallStore calls;

  /** Scopes reading queue membership from {@code calls}. */
  public Scopes(Jdbi jdbi, CallStore calls) {
    this.jdbi = jdbi;
    this.calls = calls;
  }

  private static Optional<String> tenantOf(Caller caller) {
    return caller.isApiToken() ? Optional.empty() : Optional.of(caller.user().tenantId());
  }

  /** The calls {@code caller} may see. */
  public CallScope calls(Caller caller) {
    Optional<String> tenant = tenantOf(caller);
    if (caller.seesEverything()) {
      return CallScope.all(tenant);
    }
    Set<String> queues = new HashSet<>(caller.queues().orElse(List.of()));
    if (caller.role() == Role.AGENT) {
      return new CallScope(
          tenant,
          false,
          Set.copyOf(caller.extension().stream().toList()),
          queues,
          Optional.of(Outcome.MISSED));
    }
    return new CallScope(tenant, false, agentsOf(caller), queues, Optional.empty());
  }

  /** The agents {@code caller} may see and act on. */
  public AgentScope agents(Caller caller) {
    Optional<String> tenant = tenantOf(caller);
    if (caller.seesEverything()) {
      return AgentScope.all(tenant);
    }
    if (caller.role() == Role.AGENT) {
      return new AgentScope(tenant, Optional.of(Set.copyOf(caller.extension().stream().toList())));
    }
    Set<String> visible = new HashSet<>(agentsOf(caller));
    caller.extension().ifPresent(visible::add);
    return new AgentScope(tenant, Optional.of(visible));
  }

  /** The stream changes {@code caller} may receive. */
  public Predicate<Change> changes(Caller caller) {
    CallScope callScope = calls(caller);
    AgentScope agentScope = agents(caller);
    return change ->
        switch (change.kind()) {
          case CALL -> callScope.admits(change.data());
          case AGENT ->
              change.extensions().stream()
                  .allMatch(extension -> agentScope.admits(change.tenantId(), extension));
          case SCREEN_POP ->
              caller.role() == Role.AGENT
                  ? change.extensions().stream()
                      .anyMatch(extension -> agentScope.admits(change.tenantId(), extension))
                  : callScope.admits(
                      change.tenantId(), change.extensions(), change.queue(), Optional.empty());
          // Callback items: the caller's queues only, like GET /v1/callbacks.
          case CALLBACK ->
              (caller.isApiToken() || change.tenantId().equals(caller.user().tenantId()))
                  && (caller.seesEverything()
                      || change
                          .queue()
                          .filter(queue -> caller.queues().orElse(List.of()).contains(queue))
                          .isPresent());
        };
  }

  /** The agents of a supervisor's queues, as the hub has seen them. */
  private Set<String> agentsOf(Caller caller) {
    Set<String> agents = new HashSet<>();
    String tenant = caller.user().tenantId();
    jdbi.useHandle(
        handle -> {
          for (String queue : caller.queues().orElse(List.of())) {
            agents.addAll(calls.extensionsOfQueue(handle, tenant, queue, RECENT_CALLS));
          }
        });
    return agents;
  }
}
