package dev.switchboard.pbx.engine;

import dev.switchboard.protocol.api.SpyMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A call in progress in the engine: where it is routed, whom it rings, who missed it, who answered,
 * and the steps scheduled for it. It changes only through its own transitions. Not thread-safe:
 * used under the engine's lock.
 */
final class Call {
  /** How long a call straight to an extension (not through a queue) rings. */
  static final Duration DIRECT_RING = Duration.ofSeconds(30);

  final String id;
  final boolean outbound;
  final String phone;
  final Instant start;
  final Optional<String> did;
  final Optional<Script> script;
  final Duration talk;
  final Optional<SpyMode> spyMode;
  private final Clock clock;
  private final Scheduler scheduler;
  private Queue queue;
  private Agent target;
  private boolean sticky;
  private Agent agent;
  private Instant answered;
  private Agent lastRung;
  private final Set<Agent> ringing = new LinkedHashSet<>();
  private final Set<Agent> missed = new LinkedHashSet<>();
  private final List<Scheduler.Task> pending = new ArrayList<>();
  private final List<Call> spies = new ArrayList<>();

  private Call(
      String id,
      boolean outbound,
      String phone,
      Optional<String> did,
      Optional<Script> script,
      Duration talk,
      Optional<SpyMode> spyMode,
      Clock clock,
      Scheduler scheduler) {
    this.id = id;
    this.outbound = outbound;
    this.phone = phone;
    this.did = did;
    this.script = script;
    this.talk = talk;
    this.spyMode = spyMode;
    this.clock = clock;
    this.scheduler = scheduler;
    this.start = clock.instant();
  }

  /** A customer calling {@code did}. */
  static Call inbound(
      String id,
      String phone,
      String did,
      Optional<Script> script,
      Duration talk,
      Clock clock,
      Scheduler scheduler) {
    return new Call(
        id, false, phone, Optional.of(did), script, talk, Optional.empty(), clock, scheduler);
  }

  /** {@code caller} calling the customer {@code phone}. */
  static Call outbound(
      String id,
      Agent caller,
      String phone,
      Optional<Script> script,
      Duration talk,
      Clock clock,
      Scheduler scheduler) {
    Call call =
        new Call(
            id, true, phone, Optional.empty(), script, talk, Optional.empty(), clock, scheduler);
    call.agent = caller;
    return call;
  }

  /**
   * {@code listener} listening to {@code listened}'s call: a call of its own, connected at once.
   */
  static Call spyLeg(
      String id, Agent listener, Agent listened, SpyMode mode, Clock clock, Scheduler scheduler) {
    Call leg =
        new Call(
            id,
            true,
            listened.extension(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO,
            Optional.of(mode),
            clock,
            scheduler);
    leg.agent = listener;
    leg.answered = clock.instant();
    return leg;
  }

  // ---- routing -----------------------------------------------------------------------------

  /**
   * Routes the call: through {@code queue} (may be null for a number routed to an extension), to
   * {@code target} first when one is named (by a script, the number's route, or sticky routing).
   */
  void routeTo(Queue queue, Agent target, boolean sticky) {
    this.queue = queue;
    this.target = target;
    this.sticky = sticky;
  }

  /** The sticky agent did not answer: the call waits in its queue as any other. */
  void fallBackToQueue() {
    target = null;
    sticky = false;
    queue.enqueue(this);
  }

  Queue queue() {
    return queue;
  }

  Agent target() {
    return target;
  }

  boolean isSticky() {
    return sticky;
  }

  /** How long each agent rings: the queue's ring timeout, or a direct call's. */
  Duration ringTimeout() {
    return queue == null ? DIRECT_RING : queue.setup.ringTimeout();
  }

  // ---- ringing and answering ---------------------------------------------------------------

  /** Its script, when it is of {@code type}. */
  <S extends Script> Optional<S> scripted(Class<S> type) {
    return script.filter(type::isInstance).map(type::cast);
  }

  void ringAt(Agent rung) {
    ringing.add(rung);
    lastRung = rung;
  }

  boolean isRinging(Agent rung) {
    return ringing.contains(rung);
  }

  boolean isRingingAnyone() {
    return !ringing.isEmpty();
  }

  /** The agents it rings now, in the order rung. */
  List<Agent> ringingAgents() {
    return List.copyOf(ringing);
  }

  void stopRingingAt(Agent rung) {
    ringing.remove(rung);
  }

  /** {@code rung} let it ring out: not offered to it again this round. */
  void missedBy(Agent rung) {
    ringing.remove(rung);
    missed.add(rung);
  }

  boolean wasMissedBy(Agent rung) {
    return missed.contains(rung);
  }

  boolean wasMissedByAnyone() {
    return !missed.isEmpty();
  }

  /** Everyone was tried: another round may ring them again. */
  void startAnotherRound() {
    missed.clear();
  }

  /** The last agent it rang, if any. */
  Optional<Agent> lastRung() {
    return Optional.ofNullable(lastRung);
  }

  /** {@code by} picked up: nobody else rings. */
  void answer(Agent by) {
    ringing.clear();
    agent = by;
    answered = clock.instant();
  }

  /** The customer picked up an outbound call. */
  void connect() {
    answered = clock.instant();
  }

  boolean isAnswered() {
    return answered != null;
  }

  Optional<Instant> answeredAt() {
    return Optional.ofNullable(answered);
  }

  /** The agent on the call: who answered (inbound), who called (outbound); none while ringing. */
  Optional<Agent> agent() {
    return Optional.ofNullable(agent);
  }

  // ---- spies and steps ---------------------------------------------------------------------

  void addSpy(Call leg) {
    spies.add(leg);
  }

  List<Call> spies() {
    return List.copyOf(spies);
  }

  /**
   * Schedules a step of this call {@code delay} from now; cancelled with the call's other steps.
   */
  void later(Duration delay, Runnable step) {
    pending.add(scheduler.at(clock.instant().plus(delay), step));
  }

  void cancelPending() {
    pending.forEach(Scheduler.Task::cancel);
    pending.clear();
  }
}
