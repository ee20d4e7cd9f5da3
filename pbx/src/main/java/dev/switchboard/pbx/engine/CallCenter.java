package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.QueueSetup;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.protocol.api.QueueMember;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One tenant's call center: agents with phones, queues that offer waiting calls to them by
 * strategy, and calls that ring, are answered or not, and end. Every step is scheduled on the
 * engine's agenda at a simulated instant and produces the webhooks a VoiceCloud PBX sends, in the
 * tenant's edition ({@link Webhooks}). Not thread-safe: used under the engine's lock.
 */
final class CallCenter {
  /** How long a call straight to an extension (not through a queue) rings. */
  static final Duration DIRECT_RING = Duration.ofSeconds(30);

  final TenantSetup setup;
  private final SimClock clock;
  private final Scheduler scheduler;
  private final Random random;
  private final long idSalt;
  private final Webhooks webhooks;
  private final java.util.function.Supplier<Optional<String>> recordingBase;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Queue> queues = new LinkedHashMap<>();
  private final Map<String, Call> active = new LinkedHashMap<>();
  private final List<FinishedCall> finished = new ArrayList<>();
  private final java.util.function.Consumer<FinishedCall> onFinished;

  CallCenter(
      TenantSetup setup,
      SimClock clock,
      Scheduler scheduler,
      WebhookSink sink,
      Random random,
      long idSalt,
      java.util.function.Supplier<Optional<String>> recordingBase,
      java.util.function.Consumer<FinishedCall> onFinished) {
    this.setup = setup;
    this.clock = clock;
    this.scheduler = scheduler;
    this.random = random;
    this.idSalt = idSalt;
    this.webhooks = new Webhooks(setup, sink);
    this.recordingBase = recordingBase;
    this.onFinished = onFinished;
    setup.agents().forEach(agent -> agents.put(agent.extension(), new Agent(agent, clock)));
    setup.queues().forEach(queue -> queues.put(queue.number(), new Queue(queue)));
  }

  // ---- inbound -----------------------------------------------------------------------------

  String inbound(
      String did, String phone, Optional<Script> script, Duration patience, Duration talk) {
    String route = setup.dids().get(did);
    if (route == null) {
      throw new EngineException(
          "number "
              + did
              + " is not routed (known: "
              + String.join(", ", setup.dids().keySet())
              + ")");
    }
    Call call = new Call(false, phone, clock, scheduler, random, idSalt);
    call.did = Optional.of(did);
    call.script = script;
    call.talk = talk;
    if (script.isPresent() && script.get() instanceof Script.Busy) {
      finish(call, "BUSY", Optional.empty());
      return call.id;
    }
    active.put(call.id, call);
    Optional<String> named =
        script.flatMap(
            s ->
                s instanceof Script.Answer a
                    ? a.extension()
                    : s instanceof Script.NoAnswer n ? n.extension() : Optional.empty());
    if (named.isPresent()) {
      call.target = agent(named.get());
    } else if (queues.containsKey(route)) {
      call.queue = queues.get(route);
    } else {
      call.target = agent(route);
    }
    if (queues.containsKey(route)) {
      call.queue = queues.get(route);
      if (call.target == null) {
        call.queue.waiting.add(call); // a call for a named agent does not hold up the queue
      }
    }
    Duration giveUp =
        script
            .map(s -> s instanceof Script.Abandon a ? a.after() : null)
            .orElse(script.isPresent() ? null : patience);
    if (giveUp != null) {
      call.later(giveUp, () -> abandon(call));
    }
    boolean abandons = script.filter(Script.Abandon.class::isInstance).isPresent();
    if (call.queue != null && !abandons) {
      call.later(call.queue.setup.maxWait(), () -> unanswered(call));
    }
    dispatch();
    return call.id;
  }

  /** Offers waiting calls to available agents. */
  void dispatch() {
    for (Call call : new ArrayList<>(active.values())) {
      if (call.outbound || call.agent != null || !call.ringing.isEmpty()) {
        continue;
      }
      if (call.script.isPresent() && call.script.get() instanceof Script.Abandon) {
        continue; // waits in the queue until the caller gives up
      }
      if (call.target != null) {
        if (call.target.available() && !call.missed.contains(call.target)) {
          ring(call, call.target);
        }
        continue;
      }
      if (call.queue == null || call.queue.waiting.peekFirst() != call) {
        continue; // first come, first served within a queue
      }
      List<Agent> candidates = candidates(call);
      if (candidates.isEmpty() && !call.missed.isEmpty() && anyMemberAvailable(call.queue)) {
        call.missed.clear(); // everyone was tried: start another round
        candidates = candidates(call);
      }
      for (Agent agent : pick(call.queue, candidates)) {
        ring(call, agent);
      }
    }
  }

  private List<Agent> candidates(Call call) {
    List<QueueSetup.Member> members = call.queue.setup.members();
    List<Agent> available = new ArrayList<>();
    int lowestPenalty = Integer.MAX_VALUE;
    for (QueueSetup.Member member : members) {
      Agent agent = agents.get(member.extension());
      if (agent.available() && !call.missed.contains(agent)) {
        lowestPenalty = Math.min(lowestPenalty, member.penalty());
      }
    }
    for (QueueSetup.Member member : members) {
      Agent agent = agents.get(member.extension());
      if (agent.available() && !call.missed.contains(agent) && member.penalty() == lowestPenalty) {
        available.add(agent);
      }
    }
    return available;
  }

  private boolean anyMemberAvailable(Queue queue) {
    return queue.setup.members().stream().anyMatch(m -> agents.get(m.extension()).available());
  }

  private List<Agent> pick(Queue queue, List<Agent> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    switch (queue.setup.strategy()) {
      case RINGALL:
        return candidates;
      case LEASTRECENT:
        return List.of(
            candidates.stream()
                .min(Comparator.comparing((Agent a) -> a.lastEnded).thenComparing(Agent::extension))
                .get());
      case RANDOM:
        return List.of(candidates.get(random.nextInt(candidates.size())));
      default:
        List<QueueSetup.Member> members = queue.setup.members();
        for (int i = 0; i < members.size(); i++) {
          int index = (queue.nextMember + i) % members.size();
          Agent agent = agents.get(members.get(index).extension());
          if (candidates.contains(agent)) {
            queue.nextMember = (index + 1) % members.size();
            return List.of(agent);
          }
        }
        return List.of(candidates.get(0));
    }
  }

  private void ring(Call call, Agent agent) {
    changeStatus(
        agent,
        () -> {
          agent.call = call;
          agent.ringing = true;
        });
    call.ringing.add(agent);
    call.lastRung = agent;
    webhooks.ringing(call, agent);
    Optional<Duration> answerAfter = answerDelay(call, agent);
    if (answerAfter.isPresent()) {
      call.later(answerAfter.get(), () -> answer(call, agent));
    } else {
      call.later(call.ringTimeout(), () -> ringOut(call, agent));
    }
  }

  /** When (if ever) this agent picks up: as scripted, else by the agent's answer probability. */
  private Optional<Duration> answerDelay(Call call, Agent agent) {
    if (call.script.isPresent()) {
      if (call.script.get() instanceof Script.Answer answer
          && answer.extension().map(agent.extension()::equals).orElse(true)) {
        return Optional.of(answer.after());
      }
      return Optional.empty();
    }
    if (random.nextDouble() >= agent.setup.answerProbability()) {
      return Optional.empty();
    }
    long maxMillis = Math.max(1500, Math.min(call.ringTimeout().toMillis() - 1000, 12_000));
    return Optional.of(Duration.ofMillis(1500 + (long) (random.nextDouble() * (maxMillis - 1500))));
  }

  private void answer(Call call, Agent agent) {
    if (call.agent != null || !call.ringing.contains(agent)) {
      return;
    }
    for (Agent other : new ArrayList<>(call.ringing)) {
      if (other != agent) {
        stopRinging(call, other);
      }
    }
    call.cancelPending();
    if (call.queue != null) {
      call.queue.waiting.remove(call);
    }
    call.ringing.clear();
    call.agent = agent;
    call.answered = clock.instant();
    changeStatus(agent, () -> agent.ringing = false);
    webhooks.answered(call, agent);
    Duration talk =
        call.script.map(s -> s instanceof Script.Answer a ? a.talk() : null).orElse(call.talk);
    call.later(talk, () -> hangUp(call));
  }

  private void ringOut(Call call, Agent agent) {
    if (!call.ringing.contains(agent)) {
      return;
    }
    call.ringing.remove(agent);
    call.missed.add(agent);
    webhooks.noAnswer(call, agent);
    changeStatus(
        agent,
        () -> {
          agent.call = null;
          agent.ringing = false;
        });
    boolean scriptedNoAnswer =
        call.script.isPresent() && call.script.get() instanceof Script.NoAnswer;
    if (scriptedNoAnswer || (call.queue == null && call.ringing.isEmpty())) {
      unanswered(call);
    } else {
      dispatch();
    }
  }

  private void stopRinging(Call call, Agent agent) {
    call.ringing.remove(agent);
    changeStatus(
        agent,
        () -> {
          agent.call = null;
          agent.ringing = false;
        });
  }

  /** The caller hangs up while waiting. */
  private void abandon(Call call) {
    if (call.agent != null || !active.containsKey(call.id)) {
      return;
    }
    call.cancelPending();
    new ArrayList<>(call.ringing).forEach(agent -> stopRinging(call, agent));
    if (call.queue != null) {
      call.queue.waiting.remove(call);
    }
    active.remove(call.id);
    Duration held = Duration.between(call.start, clock.instant());
    webhooks.missed(call, held);
    webhooks.hangup(call);
    record(call, "ABANDON", Optional.empty(), Duration.ZERO);
    dispatch();
  }

  /**
   * Nobody answered before the queue's maximum wait, or the ring timed out with no one else to
   * ring.
   */
  private void unanswered(Call call) {
    if (call.agent != null || !active.containsKey(call.id)) {
      return;
    }
    call.cancelPending();
    new ArrayList<>(call.ringing).forEach(agent -> stopRinging(call, agent));
    if (call.queue != null) {
      call.queue.waiting.remove(call);
    }
    active.remove(call.id);
    webhooks.hangup(call);
    Optional<String> extension = Optional.ofNullable(call.lastRung).map(Agent::extension);
    webhooks.finalRecord(call, "NOANSWER", extension, Duration.ZERO, recording(call, false));
    record(call, "NOANSWER", extension, Duration.ZERO);
    dispatch();
  }

  private void hangUp(Call call) {
    if (!active.containsKey(call.id)) {
      return;
    }
    active.remove(call.id);
    call.cancelPending();
    Agent agent = call.agent;
    Duration billsec =
        call.answered == null ? Duration.ZERO : Duration.between(call.answered, clock.instant());
    webhooks.hangup(call);
    if (agent != null) {
      changeStatus(
          agent,
          () -> {
            agent.call = null;
            agent.ringing = false;
            agent.lastEnded = clock.instant();
            agent.wrapUpUntil = clock.instant().plus(agent.setup.wrapUp());
          });
    }
    String status = call.answered == null ? "NOANSWER" : "ANSWER";
    Optional<String> extension = Optional.ofNullable(agent).map(Agent::extension);
    webhooks.finalRecord(call, status, extension, billsec, recording(call, call.answered != null));
    record(call, status, extension, billsec);
    for (Call spy : new ArrayList<>(call.spies)) {
      hangUp(spy);
    }
    if (agent != null && !agent.setup.wrapUp().isZero()) {
      scheduler.at(agent.wrapUpUntil, this::dispatch);
    }
    dispatch();
  }

  private void finish(Call call, String status, Optional<String> extension) {
    webhooks.hangup(call);
    webhooks.finalRecord(call, status, extension, Duration.ZERO, Optional.empty());
    record(call, status, extension, Duration.ZERO);
  }

  private Optional<String> recording(Call call, boolean answered) {
    return answered && setup.recording()
        ? recordingBase.get().map(base -> base + "/play_audio/data/" + call.id)
        : Optional.empty();
  }

  private void record(Call call, String status, Optional<String> extension, Duration billsec) {
    FinishedCall done =
        new FinishedCall(
            setup.domain(),
            call.id,
            call.start,
            call.outbound,
            extension,
            call.phone,
            Duration.between(call.start, clock.instant()),
            billsec,
            status,
            recording(call, "ANSWER".equals(status)));
    finished.add(done);
    onFinished.accept(done);
  }

  // ---- outbound ----------------------------------------------------------------------------

  String outbound(
      String extension,
      String phone,
      Optional<Script> script,
      Duration talk,
      boolean agentLegFirst) {
    Agent agent = agent(extension);
    if (!agent.registered) {
      throw new EngineException("extension " + extension + " is not registered");
    }
    if (agent.call != null) {
      throw new EngineException("extension " + extension + " is busy on another call");
    }
    Call call = new Call(true, phone, clock, scheduler, random, idSalt);
    call.script = script;
    call.talk = talk;
    call.agent = agent;
    active.put(call.id, call);
    if (agentLegFirst) {
      // Click-to-call rings the agent's own phone first; the customer is called once it answers.
      changeStatus(
          agent,
          () -> {
            agent.call = call;
            agent.ringing = true;
          });
      call.later(Duration.ofMillis(1000 + random.nextInt(2000)), () -> callCustomer(call));
    } else {
      callCustomer(call);
    }
    return call.id;
  }

  private void callCustomer(Call call) {
    Agent agent = call.agent;
    changeStatus(
        agent,
        () -> {
          agent.call = call;
          agent.ringing = false;
        });
    webhooks.outbound(call, false);
    Script script =
        call.script.orElseGet(
            () ->
                random.nextDouble() < 0.75
                    ? new Script.Answer(
                        Optional.empty(), Duration.ofSeconds(3 + random.nextInt(12)), call.talk)
                    : random.nextBoolean()
                        ? new Script.NoAnswer(Optional.empty())
                        : new Script.Busy());
    if (script instanceof Script.Answer answer) {
      call.later(
          answer.after(),
          () -> {
            call.answered = clock.instant();
            webhooks.outbound(call, true);
            call.later(answer.talk(), () -> hangUp(call));
          });
    } else if (script instanceof Script.Busy) {
      call.later(Duration.ofSeconds(2), () -> endOutbound(call, "BUSY"));
    } else {
      call.later(DIRECT_RING, () -> endOutbound(call, "NOANSWER"));
    }
  }

  private void endOutbound(Call call, String status) {
    if (!active.containsKey(call.id)) {
      return;
    }
    active.remove(call.id);
    Agent agent = call.agent;
    webhooks.hangup(call);
    changeStatus(
        agent,
        () -> {
          agent.call = null;
          agent.lastEnded = clock.instant();
        });
    webhooks.finalRecord(
        call, status, Optional.of(agent.extension()), Duration.ZERO, Optional.empty());
    record(call, status, Optional.of(agent.extension()), Duration.ZERO);
    dispatch();
  }

  // ---- agents ------------------------------------------------------------------------------

  String spy(String source, String target, SpyMode mode) {
    Agent listener = agent(source);
    Agent spied = agent(target);
    if (spied.call == null || spied.ringing || spied.call.answered == null) {
      throw new EngineException("extension " + target + " has no call in progress to listen to");
    }
    if (!listener.registered) {
      throw new EngineException("extension " + source + " is not registered");
    }
    if (listener.call != null) {
      throw new EngineException("extension " + source + " is busy on another call");
    }
    if (listener == spied) {
      throw new EngineException("an extension cannot listen to itself");
    }
    Call leg = new Call(true, target, clock, scheduler, random, idSalt);
    leg.agent = listener;
    leg.spyMode = Optional.of(mode);
    leg.answered = clock.instant();
    active.put(leg.id, leg);
    spied.call.spies.add(leg);
    changeStatus(listener, () -> listener.call = leg);
    webhooks.outbound(leg, false);
    webhooks.outbound(leg, true);
    return leg.id;
  }

  void register(String extension, boolean registered) {
    Agent agent = agent(extension);
    if (!registered && agent.call != null) {
      throw new EngineException(
          "extension " + extension + " is on a call; unregister it after the call");
    }
    changeStatus(agent, () -> agent.registered = registered);
    dispatch();
  }

  void pause(String extension, boolean paused) {
    Agent agent = agent(extension);
    changeStatus(agent, () -> agent.paused = paused);
    dispatch();
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
      for (QueueSetup.Member member : queue.setup.members()) {
        Agent agent = agents.get(member.extension());
        members.add(
            new QueueMember(member.extension(), agent.paused, member.penalty(), agent.status()));
      }
      result.add(new QueueMembers(queue.setup.number(), queue.setup.name(), members));
    }
    return result;
  }

  List<FinishedCall> finished() {
    return List.copyOf(finished);
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

  private Agent agent(String extension) {
    Agent agent = agents.get(extension);
    if (agent == null) {
      throw new EngineException("extension " + extension + " does not exist");
    }
    return agent;
  }

  /** Applies a change to an agent and sends {@code Agent/ChangeStatus} when its status changed. */
  private void changeStatus(Agent agent, Runnable change) {
    AgentState before = agent.status();
    change.run();
    AgentState after = agent.status();
    if (!after.equals(before)) {
      webhooks.status(agent.extension(), after);
    }
  }
}
