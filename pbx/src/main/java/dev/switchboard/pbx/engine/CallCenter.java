package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.QueueSetup;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.api.QueueMember;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One tenant's call center: agents with phones, queues that offer waiting calls to them by strategy
 * ({@link Distributor}), outbound calls ({@link Dialer}), and the ends of calls ({@link Hangups}).
 * Every step is scheduled on the engine's agenda at a simulated instant and produces the webhooks a
 * VoiceCloud PBX sends, in the tenant's edition ({@link Webhooks}). Not thread-safe: used under the
 * engine's lock.
 */
final class CallCenter {
  final TenantSetup setup;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Random random;
  private final long idSalt;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Queue> queues = new LinkedHashMap<>();
  private final Map<String, Call> active = new LinkedHashMap<>();
  private final Webhooks webhooks;
  private final CallLog log;
  private final Hangups hangups;
  private final Distributor distributor;
  private final Dialer dialer;

  CallCenter(
      TenantSetup setup,
      Clock clock,
      Scheduler scheduler,
      WebhookSink sink,
      Random random,
      long idSalt,
      Supplier<Optional<String>> recordingBase,
      Consumer<FinishedCall> onFinished) {
    this.setup = setup;
    this.clock = clock;
    this.scheduler = scheduler;
    this.random = random;
    this.idSalt = idSalt;
    this.webhooks = new Webhooks(setup, sink);
    setup
        .agents()
        .forEach(agent -> agents.put(agent.extension(), new Agent(agent, clock, webhooks::status)));
    for (QueueSetup queue : setup.queues()) {
      List<Agent> members =
          queue.members().stream().map(member -> agents.get(member.extension())).toList();
      queues.put(
          queue.number(), new Queue(queue, members, RingStrategy.of(queue.strategy(), random)));
    }
    this.log = new CallLog(setup, clock, recordingBase, onFinished);
    this.hangups = new Hangups(active, webhooks, log, scheduler, this::offerWaitingCalls);
    this.distributor = new Distributor(active, random, webhooks, hangups);
    this.dialer = new Dialer(random, webhooks, hangups);
  }

  /**
   * A customer calls {@code did}. The call rings the agent the script names, else the {@code
   * sticky} extension the CRM asked for when that phone is free, else waits in the number's queue
   * (or rings the extension the number routes to).
   */
  String inbound(
      String did,
      String phone,
      Optional<Script> script,
      Duration patience,
      Duration talk,
      Optional<String> sticky) {
    String route = setup.dids().get(did);
    if (route == null) {
      throw new EngineException(
          "number "
              + did
              + " is not routed (known: "
              + String.join(", ", setup.dids().keySet())
              + ")");
    }
    if (script.filter(Script.Cancel.class::isInstance).isPresent()) {
      throw new EngineException("a cancelled call is outbound (an inbound caller abandons)");
    }
    Call call = Call.inbound(newId(), phone, did, script, talk, clock, scheduler);
    if (call.scripted(Script.Busy.class).isPresent()) {
      hangups.busy(call);
      return call.id;
    }
    Optional<String> named =
        script.flatMap(
            s ->
                switch (s) {
                  case Script.Answer answer -> answer.extension();
                  case Script.NoAnswer noAnswer -> noAnswer.extension();
                  default -> Optional.empty();
                });
    Queue queue = queues.get(route);
    Agent target = named.map(this::agent).orElseGet(() -> queue == null ? agent(route) : null);
    Optional<Agent> stuck =
        named.isEmpty() && queue != null
            ? sticky.map(agents::get).filter(agent -> agent != null && agent.available())
            : Optional.empty();
    call.routeTo(queue, stuck.orElse(target), stuck.isPresent());
    active.put(call.id, call);
    if (queue != null && call.target() == null) {
      queue.enqueue(call); // a call for a named agent does not hold up the queue
    }
    Optional<Script.Abandon> abandons = call.scripted(Script.Abandon.class);
    Duration giveUp =
        abandons.map(Script.Abandon::after).orElse(script.isPresent() ? null : patience);
    if (giveUp != null) {
      call.later(giveUp, () -> hangups.abandon(call));
    }
    if (queue != null && abandons.isEmpty()) {
      call.later(queue.setup.maxWait(), () -> hangups.unanswered(call));
    }
    offerWaitingCalls();
    return call.id;
  }

  /** Offers waiting calls to available agents. */
  void offerWaitingCalls() {
    distributor.offerWaitingCalls();
  }

  /**
   * {@code extension} calls {@code phone}; click-to-call ({@code agentLegFirst}) rings it first.
   */
  String outbound(
      String extension,
      String phone,
      Optional<Script> script,
      Duration talk,
      boolean agentLegFirst) {
    Agent agent = agent(extension);
    if (!agent.isRegistered()) {
      throw new EngineException("extension " + extension + " is not registered");
    }
    if (agent.isBusy()) {
      throw new EngineException("extension " + extension + " is busy on another call");
    }
    Call call = Call.outbound(newId(), agent, phone, script, talk, clock, scheduler);
    active.put(call.id, call);
    dialer.place(call, agentLegFirst);
    return call.id;
  }

  /** {@code source} listens to {@code target}'s call: a leg of its own, ended with that call. */
  String spy(String source, String target, SpyMode mode) {
    Agent listener = agent(source);
    Agent spied = agent(target);
    Call listened =
        spied
            .talkingIn()
            .filter(Call::isAnswered)
            .orElseThrow(
                () ->
                    new EngineException(
                        "extension " + target + " has no call in progress to listen to"));
    if (!listener.isRegistered()) {
      throw new EngineException("extension " + source + " is not registered");
    }
    if (listener.isBusy()) {
      throw new EngineException("extension " + source + " is busy on another call");
    }
    if (listener == spied) {
      throw new EngineException("an extension cannot listen to itself");
    }
    Call leg = Call.spyLeg(newId(), listener, spied, mode, clock, scheduler);
    active.put(leg.id, leg);
    listened.addSpy(leg);
    listener.startTalking(leg);
    webhooks.outbound(leg, false);
    webhooks.outbound(leg, true);
    return leg.id;
  }

  void register(String extension, boolean registered) {
    Agent agent = agent(extension);
    if (!registered && agent.isBusy()) {
      throw new EngineException(
          "extension " + extension + " is on a call; unregister it after the call");
    }
    agent.register(registered);
    offerWaitingCalls();
  }

  void pause(String extension, boolean paused) {
    agent(extension).pause(paused);
    offerWaitingCalls();
  }

  Map<String, AgentState> statuses(List<String> extensions) {
    Map<String, AgentState> result = new LinkedHashMap<>();
    for (String extension : extensions) {
      result.put(extension, agent(extension).status());
    }
    return result;
  }

  List<QueueMembers> queueMembers() {
    List<QueueMembers> result = new ArrayList<>();
    for (Queue queue : queues.values()) {
      List<QueueMember> members = new ArrayList<>();
      for (int i = 0; i < queue.members().size(); i++) {
        Agent agent = queue.members().get(i);
        members.add(
            new QueueMember(
                agent.extension(),
                agent.isPaused(),
                queue.setup.members().get(i).penalty(),
                agent.status()));
      }
      result.add(new QueueMembers(queue.setup.number(), queue.setup.name(), members));
    }
    return result;
  }

  List<FinishedCall> finished() {
    return log.finished();
  }

  List<String> extensions() {
    return List.copyOf(agents.keySet());
  }

  List<String> freeExtensions() {
    return agents.values().stream().filter(Agent::available).map(Agent::extension).toList();
  }

  Set<String> activeCalls() {
    return Set.copyOf(active.keySet());
  }

  /** Whether an inbound call to {@code did} goes to a queue (where sticky routing applies). */
  boolean routesToQueue(String did) {
    String route = setup.dids().get(did);
    return route != null && queues.containsKey(route);
  }

  private String newId() {
    // The salt makes ids differ between runs of the same seed (a CRM keeps the old calls).
    return new UUID(random.nextLong() ^ idSalt, random.nextLong()).toString();
  }

  private Agent agent(String extension) {
    Agent agent = agents.get(extension);
    if (agent == null) {
      throw new EngineException("extension " + extension + " does not exist");
    }
    return agent;
  }
}
