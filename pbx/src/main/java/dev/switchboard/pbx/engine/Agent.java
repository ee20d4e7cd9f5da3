package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.AgentSetup;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An agent's phone in the engine: registered, paused, ringing or talking, wrapping up. It changes
 * only through its own transitions, each of which reports the phone's new status ({@code
 * Agent/ChangeStatus}) when the status changed. Not thread-safe: used under the engine's lock.
 */
final class Agent {
  final AgentSetup setup;
  private final Clock clock;
  private final BiConsumer<String, AgentState> statusChanged;
  private boolean registered = true;
  private boolean paused;
  private Call call;
  private boolean ringing;
  private Instant wrapUpUntil = Instant.EPOCH;
  private Instant lastEnded = Instant.EPOCH;

  /** An idle, registered phone; {@code statusChanged} hears of each change of its status. */
  Agent(AgentSetup setup, Clock clock, BiConsumer<String, AgentState> statusChanged) {
    this.setup = setup;
    this.clock = clock;
    this.statusChanged = statusChanged;
  }

  String extension() {
    return setup.extension();
  }

  AgentState status() {
    if (!registered) {
      return AgentState.OFF;
    }
    if (call != null) {
      return ringing ? AgentState.RING : AgentState.TALK;
    }
    return paused ? AgentState.PAUSE : AgentState.ON;
  }

  /** Free to be offered a call: registered, not paused, idle and past any wrap-up. */
  boolean available() {
    return registered && !paused && call == null && !clock.instant().isBefore(wrapUpUntil);
  }

  boolean isRegistered() {
    return registered;
  }

  boolean isPaused() {
    return paused;
  }

  /** Whether the phone is ringing or on a call. */
  boolean isBusy() {
    return call != null;
  }

  /** The call the phone is on and talking in (not one that only rings it). */
  Optional<Call> talkingIn() {
    return call != null && !ringing ? Optional.of(call) : Optional.empty();
  }

  /** When its last call ended (the least-recent strategy's order). */
  Instant lastEnded() {
    return lastEnded;
  }

  /** When its wrap-up after the last call is over. */
  Instant wrapUpUntil() {
    return wrapUpUntil;
  }

  /** The phone rings for {@code ringing}. */
  void ring(Call ringing) {
    change(
        () -> {
          this.call = ringing;
          this.ringing = true;
        });
  }

  /** The phone is on {@code talking}, talking (it picked up, or it placed the call). */
  void startTalking(Call talking) {
    change(
        () -> {
          this.call = talking;
          this.ringing = false;
        });
  }

  /** It stops ringing: the ring timed out or someone else took the call. */
  void stopRinging() {
    change(
        () -> {
          this.call = null;
          this.ringing = false;
        });
  }

  /** The call it talked in is over: idle after its wrap-up. */
  void hangUp() {
    Instant now = clock.instant();
    change(
        () -> {
          this.call = null;
          this.ringing = false;
          this.lastEnded = now;
          this.wrapUpUntil = now.plus(setup.wrapUp());
        });
  }

  /** An outbound call it placed ended unconnected (busy, unanswered, cancelled): no wrap-up. */
  void endUnconnected() {
    Instant now = clock.instant();
    change(
        () -> {
          this.call = null;
          this.lastEnded = now;
        });
  }

  /** The phone goes on or off line. */
  void register(boolean on) {
    change(() -> this.registered = on);
  }

  /** The agent pauses or unpauses in every queue. */
  void pause(boolean on) {
    change(() -> this.paused = on);
  }

  private void change(Runnable transition) {
    AgentState before = status();
    transition.run();
    AgentState after = status();
    if (!after.equals(before)) {
      statusChanged.accept(extension(), after);
    }
  }
}
