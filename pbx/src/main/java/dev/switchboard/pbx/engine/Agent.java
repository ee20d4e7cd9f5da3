package dev.switchboard.pbx.engine;

import dev.switchboard.pbx.config.AgentSetup;
import dev.switchboard.protocol.webhook.AgentState;
import java.time.Clock;
import java.time.Instant;

/**
 * An agent's phone in the engine: registered, paused, ringing or talking, wrapping up. Not
 * thread-safe.
 */
final class Agent {
  final AgentSetup setup;
  private final Clock clock;
  boolean registered = true;
  boolean paused;
  Call call;
  boolean ringing;
  Instant wrapUpUntil = Instant.EPOCH;
  Instant lastEnded = Instant.EPOCH;

  Agent(AgentSetup setup, Clock clock) {
    this.setup = setup;
    this.clock = clock;
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
}
