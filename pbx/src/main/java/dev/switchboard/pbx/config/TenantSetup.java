package dev.switchboard.pbx.config;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One company on the emulated PBX: its domain and key (for the API), where its webhooks go and in
 * which edition, its time zone, its agents, queues and numbers.
 *
 * @param domain the company's domain (click-to-call checks it), also its id
 * @param key the company key
 * @param crmUrl the CRM's webhook base URL (may carry a path prefix)
 * @param postJson whether webhooks are POSTed as JSON instead of the seed's GET
 * @param zone the PBX's local time zone (calldates are written in it)
 * @param edition the documents' edition the webhooks follow
 * @param agents the extensions
 * @param queues the queues
 * @param dids each public number and where it routes: a queue number or an extension
 * @param recording whether calls are recorded
 * @param routing whether (and how long) the PBX asks the CRM where to send an inbound call
 */
public record TenantSetup(
    String domain,
    PbxKey key,
    Optional<String> crmUrl,
    boolean postJson,
    ZoneId zone,
    Edition edition,
    List<AgentSetup> agents,
    List<QueueSetup> queues,
    Map<String, String> dids,
    boolean recording,
    RoutingSetup routing) {

  /** A tenant without sticky routing. */
  public TenantSetup(
      String domain,
      PbxKey key,
      Optional<String> crmUrl,
      boolean postJson,
      ZoneId zone,
      Edition edition,
      List<AgentSetup> agents,
      List<QueueSetup> queues,
      Map<String, String> dids,
      boolean recording) {
    this(
        domain,
        key,
        crmUrl,
        postJson,
        zone,
        edition,
        agents,
        queues,
        dids,
        recording,
        RoutingSetup.off());
  }

  /** Validates that queues and numbers route to what exists. */
  public TenantSetup {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(crmUrl, "crmUrl");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(edition, "edition");
    Objects.requireNonNull(routing, "routing");
    agents = List.copyOf(agents);
    queues = List.copyOf(queues);
    dids = Map.copyOf(dids);
    for (QueueSetup queue : queues) {
      for (QueueSetup.Member member : queue.members()) {
        if (agents.stream().noneMatch(a -> a.extension().equals(member.extension()))) {
          throw new IllegalArgumentException(
              "queue "
                  + queue.number()
                  + " has member "
                  + member.extension()
                  + ", which is not an extension");
        }
      }
    }
    for (var route : dids.entrySet()) {
      boolean known =
          queues.stream().anyMatch(q -> q.number().equals(route.getValue()))
              || agents.stream().anyMatch(a -> a.extension().equals(route.getValue()));
      if (!known) {
        throw new IllegalArgumentException(
            "number "
                + route.getKey()
                + " routes to "
                + route.getValue()
                + ", which is neither a queue nor an extension");
      }
    }
  }

  /** The same tenant, its webhooks POSTed as JSON. */
  public TenantSetup postingJson() {
    return new TenantSetup(
        domain, key, crmUrl, true, zone, edition, agents, queues, dids, recording, routing);
  }

  /** The same tenant with {@code routing}. */
  public TenantSetup withRouting(RoutingSetup routing) {
    return new TenantSetup(
        domain, key, crmUrl, postJson, zone, edition, agents, queues, dids, recording, routing);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "TenantSetup["
        + domain
        + ", "
        + edition
        + ", "
        + agents.size()
        + " agents, "
        + queues.size()
        + " queues]";
  }
}
