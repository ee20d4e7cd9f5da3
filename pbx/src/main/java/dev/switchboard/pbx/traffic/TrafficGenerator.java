package dev.switchboard.pbx.traffic;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.EngineException;
import dev.switchboard.pbx.routing.StickyRouting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Realistic call traffic: calls arrive as a Poisson process at {@code callsPerHour} (simulated
 * time), four in five inbound to a random number of a random tenant and one in five outbound from a
 * random free agent. Callers wait with exponential patience (mean 60 s), talk for a lognormal time
 * (median 90 s), and a third of them call from a small pool of regular customers. Agents answer by
 * their answer probability; of outbound calls 70% are answered, 12% given up by the caller while
 * the customer's phone rings (CANCEL), 12% not answered and 6% busy. The same seed gives the same
 * traffic. Not thread-safe: its steps run on the engine's agenda.
 */
public final class TrafficGenerator {
  private static final double OUTBOUND_SHARE = 0.2;
  private static final String[] PREFIXES = {
    "090", "093", "089", "070", "079", "077", "091", "094", "088", "086", "096", "097", "098",
    "032", "033", "034"
  };

  private final Engine engine;
  private final StickyRouting routing;
  private final double callsPerHour;
  private final Random random;
  private final List<String> regulars = new ArrayList<>();

  /** Traffic of {@code callsPerHour} for {@code engine}, repeatable by {@code seed}. */
  public TrafficGenerator(Engine engine, double callsPerHour, long seed) {
    this(engine, callsPerHour, seed, new StickyRouting());
  }

  /** As above, asking CRMs where to route inbound calls through {@code routing}. */
  public TrafficGenerator(Engine engine, double callsPerHour, long seed, StickyRouting routing) {
    this.routing = routing;
    if (callsPerHour <= 0) {
      throw new IllegalArgumentException("traffic must be positive (calls per hour)");
    }
    this.engine = engine;
    this.callsPerHour = callsPerHour;
    this.random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      regulars.add(newPhone());
    }
  }

  /** Schedules the first arrival; each arrival schedules the next. */
  public void start() {
    scheduleNext(engine.clock().instant());
  }

  private void scheduleNext(Instant from) {
    double meanSeconds = 3600.0 / callsPerHour;
    long gapMillis = (long) (-Math.log(1 - random.nextDouble()) * meanSeconds * 1000);
    Instant at = from.plusMillis(Math.max(1, gapMillis));
    engine.at(
        at,
        () -> {
          scheduleNext(at); // first, so a failed arrival cannot end the traffic
          arrive();
        });
  }

  private static boolean isQueueMember(TenantSetup tenant, String extension) {
    return tenant.queues().stream()
        .anyMatch(queue -> queue.members().stream().anyMatch(m -> m.extension().equals(extension)));
  }

  private void arrive() {
    List<TenantSetup> tenants = engine.tenants();
    TenantSetup tenant = tenants.get(random.nextInt(tenants.size()));
    try {
      if (random.nextDouble() < OUTBOUND_SHARE) {
        // Only queue members call out: an extension in no queue (a supervisor's, the demo's own)
        // is left free for people to use.
        List<String> free =
            engine.freeExtensions(tenant.domain()).stream()
                .filter(extension -> isQueueMember(tenant, extension))
                .toList();
        if (!free.isEmpty()) {
          engine.outbound(
              tenant.domain(),
              free.get(random.nextInt(free.size())),
              caller(),
              Optional.empty(),
              talk());
        }
      } else if (!tenant.dids().isEmpty()) {
        List<String> dids = new ArrayList<>(tenant.dids().keySet());
        dids.sort(null);
        String did = dids.get(random.nextInt(dids.size()));
        String phone = caller();
        Duration patience = patience();
        Duration talk = talk();
        if (StickyRouting.isOn(tenant) && engine.routesToQueue(tenant.domain(), did)) {
          routing
              .ask(tenant, phone)
              .thenAccept(sticky -> callIn(tenant, did, phone, patience, talk, sticky));
        } else {
          callIn(tenant, did, phone, patience, talk, Optional.empty());
        }
      }
    } catch (EngineException unusable) {
      // A number or agent the configuration left unusable: that call simply does not happen.
    }
  }

  private void callIn(
      TenantSetup tenant,
      String did,
      String phone,
      Duration patience,
      Duration talk,
      Optional<String> sticky) {
    try {
      engine.inbound(tenant.domain(), did, phone, Optional.empty(), patience, talk, sticky);
    } catch (EngineException unusable) {
      // As above: the call does not happen.
    }
  }

  private String caller() {
    return random.nextDouble() < 0.33 ? regulars.get(random.nextInt(regulars.size())) : newPhone();
  }

  private String newPhone() {
    StringBuilder phone = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
    for (int i = 0; i < 7; i++) {
      phone.append(random.nextInt(10));
    }
    return phone.toString();
  }

  private Duration patience() {
    double seconds = -Math.log(1 - random.nextDouble()) * 60;
    return Duration.ofMillis((long) (Math.max(5, seconds) * 1000));
  }

  private Duration talk() {
    double seconds = Math.exp(Math.log(90) + 0.8 * random.nextGaussian());
    return Duration.ofMillis((long) (Math.min(1200, Math.max(5, seconds)) * 1000));
  }
}
