package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The emulated PBX: one call center per tenant on one simulated clock and agenda. Calls and agent
 * changes come in through its methods (the PBX API, the control API, the traffic generator); {@link
 * #runDue} carries out every step whose time has come. Thread-safe: every method takes the engine's
 * lock.
 */
public final class Engine {
  private final SimClock clock;
  private final StepTime time;
  private final Scheduler scheduler = new Scheduler();
  private final Map<String, CallCenter> byDomain = new LinkedHashMap<>();

  /**
   * An engine for {@code tenants}, sending webhooks to {@code sink}. {@code seed} makes call ids
   * and agents' choices repeatable; {@code recordingBase} is the emulator's public URL, under which
   * recordings are served (empty: no recording URLs).
   */
  public Engine(
      List<TenantSetup> tenants,
      SimClock clock,
      WebhookSink sink,
      long seed,
      Optional<String> recordingBase,
      Consumer<FinishedCall> onFinished) {
    this(tenants, clock, sink, seed, 0, () -> recordingBase, onFinished);
  }

  /**
   * As above, with {@code idSalt} mixed into call ids (so two runs of the same seed do not reuse
   * them) and the recordings' base URL known only once the server listens.
   */
  public Engine(
      List<TenantSetup> tenants,
      SimClock clock,
      WebhookSink sink,
      long seed,
      long idSalt,
      java.util.function.Supplier<Optional<String>> recordingBase,
      Consumer<FinishedCall> onFinished) {
    this.clock = clock;
    this.time = new StepTime(clock);
    Random random = new Random(seed);
    for (TenantSetup tenant : tenants) {
      byDomain.put(
          tenant.domain(),
          new CallCenter(
              tenant,
              time,
              scheduler,
              sink,
              new Random(random.nextLong()),
              idSalt,
              recordingBase,
              onFinished));
    }
  }

  /** The simulated clock. */
  public SimClock clock() {
    return clock;
  }

  /** Every tenant. */
  public synchronized List<TenantSetup> tenants() {
    return byDomain.values().stream().map(center -> center.setup).toList();
  }

  /** The tenant whose key this is. */
  public synchronized Optional<TenantSetup> tenantByKey(PbxKey key) {
    return byDomain.values().stream()
        .map(center -> center.setup)
        .filter(t -> t.key().matches(key))
        .findFirst();
  }

  /** An inbound call to {@code did} from {@code phone}; returns its callid. */
  public synchronized String inbound(
      String domain,
      String did,
      String phone,
      Optional<Script> script,
      Duration patience,
      Duration talk) {
    return inbound(domain, did, phone, script, patience, talk, Optional.empty());
  }

  /**
   * As above, with the extension the CRM asked for ({@code sticky}, sticky routing): it rings first
   * when the number routes to a queue, no script names an agent and that phone is free; otherwise
   * the queue as usual. The question is asked before the call enters the engine, never under its
   * lock.
   */
  public synchronized String inbound(
      String domain,
      String did,
      String phone,
      Optional<Script> script,
      Duration patience,
      Duration talk,
      Optional<String> sticky) {
    time.start();
    return center(domain).inbound(did, phone, script, patience, talk, sticky);
  }

  /** Whether a call to {@code did} of tenant {@code domain} goes to a queue. */
  public synchronized boolean routesToQueue(String domain, String did) {
    return center(domain).routesToQueue(did);
  }

  /** An outbound call from {@code extension} to {@code phone}; returns its callid. */
  public synchronized String outbound(
      String domain, String extension, String phone, Optional<Script> script, Duration talk) {
    time.start();
    return center(domain).outbound(extension, phone, script, talk, false);
  }

  /** Click-to-call: rings the agent's extension, then the customer; returns the callid. */
  public synchronized String dial(String domain, String extension, String phone) {
    time.start();
    return center(domain)
        .outbound(extension, phone, Optional.empty(), Duration.ofSeconds(60), true);
  }

  /** Starts {@code source} listening to {@code target}'s call; returns the spy leg's callid. */
  public synchronized String spy(String domain, String source, String target, SpyMode mode) {
    time.start();
    return center(domain).spy(source, target, mode);
  }

  /** Registers or unregisters an agent's phone. */
  public synchronized void register(String domain, String extension, boolean registered) {
    time.start();
    center(domain).register(extension, registered);
  }

  /** Pauses or unpauses an agent in every queue. */
  public synchronized void pause(String domain, String extension, boolean paused) {
    time.start();
    center(domain).pause(extension, paused);
  }

  /** The status of each extension asked for. */
  public synchronized Map<String, AgentState> statuses(String domain, List<String> extensions) {
    return center(domain).statuses(extensions);
  }

  /** Every queue with its members. */
  public synchronized List<QueueMembers> queueMembers(String domain) {
    return center(domain).queueMembers();
  }

  /** Every extension of a tenant. */
  public synchronized List<String> extensions(String domain) {
    return center(domain).extensions();
  }

  /** Extensions free to take or make a call now. */
  public synchronized List<String> freeExtensions(String domain) {
    time.start();
    return center(domain).freeExtensions();
  }

  /** Finished calls whose start falls in [from, to] (local dates), optionally one callid. */
  public synchronized List<FinishedCall> finished(
      String domain, Optional<String> callId, LocalDate from, LocalDate to) {
    CallCenter center = center(domain);
    List<FinishedCall> result = new ArrayList<>();
    for (FinishedCall call : center.finished()) {
      LocalDate day = call.start().atZone(center.setup.zone()).toLocalDate();
      if (!day.isBefore(from)
          && !day.isAfter(to)
          && callId.map(call.callId()::equals).orElse(true)) {
        result.add(call);
      }
    }
    return result;
  }

  /** Calls still in progress. */
  public synchronized int activeCalls() {
    return byDomain.values().stream().mapToInt(center -> center.activeCalls().size()).sum();
  }

  /** Carries out every step due by now; returns how many. */
  public synchronized int runDue() {
    time.start();
    return scheduler.runDue(time.instant());
  }

  /** When the next step is due. */
  public synchronized Optional<Instant> nextDue() {
    return scheduler.next();
  }

  /** Schedules a task on the engine's agenda (the traffic generator's arrivals). */
  public synchronized void at(Instant when, Runnable task) {
    scheduler.at(when, task);
  }

  private CallCenter center(String domain) {
    CallCenter center = byDomain.get(domain);
    if (center == null) {
      throw new EngineException("no tenant '" + domain + "'");
    }
    return center;
  }
}
