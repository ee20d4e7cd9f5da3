package dev.switchboard.pbx.api;

import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.Script;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One scripted call asked for through the control API ({@code POST /sim/calls}): inbound to a
 * number ({@code did}) or outbound from an extension, and how it goes. Validated on construction;
 * every problem is a 400 naming the field. Immutable.
 *
 * @param tenant the tenant's domain, or the emulator's first tenant
 * @param inbound whether the customer calls in (else an extension calls out)
 * @param did the number called (inbound only)
 * @param phone the customer's number
 * @param extension inbound: the agent who answers or is rung (else the queue picks); outbound: the
 *     agent who calls
 * @param outcome how the call goes
 * @param after answered: ring time before the pick-up; abandoned: how long the caller waits;
 *     cancelled: how long the customer's phone rings before the caller gives up
 * @param talk answered: talk time
 */
record SimulatedCall(
    Optional<String> tenant,
    boolean inbound,
    Optional<String> did,
    String phone,
    Optional<String> extension,
    Outcome outcome,
    Duration after,
    Duration talk) {
  /** Longest ring, wait or talk a script may ask for. */
  static final Duration LONGEST = Duration.ofHours(4);

  private static final Duration DEFAULT_RING = Duration.ofSeconds(5);
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_TALK = Duration.ofSeconds(30);

  /** Numbers as the PBX writes them, or a withheld caller id such as {@code anonymous}. */
  private static final Pattern PHONE = Pattern.compile("[+]?[0-9A-Za-z]{1,32}");

  /** How a scripted call goes. */
  enum Outcome {
    /** Answered after {@code after}, then {@code talk} of conversation. */
    ANSWERED,
    /** Rings until the ring timeout; nobody answers. */
    NO_ANSWER,
    /** The caller hangs up after waiting {@code after} (inbound only). */
    ABANDONED,
    /** Refused at once as busy. */
    BUSY,
    /** The caller gives up after {@code after}, before the customer answers (outbound only). */
    CANCELLED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Outcome of(String text) {
      String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
      for (Outcome outcome : values()) {
        if (outcome.name().equals(name)) {
          return outcome;
        }
      }
      throw ControlBody.field(
          "outcome",
          "'" + shortened(text) + "' is not answered, no_answer, abandoned, busy or cancelled");
    }
  }

  /** Checks that every part fits the direction and outcome. */
  SimulatedCall {
    if (!PHONE.matcher(phone).matches()) {
      throw ControlBody.field(
          "phone", "'" + shortened(phone) + "' is not a phone number (digits, an optional +)");
    }
    if (inbound && did.isEmpty()) {
      throw ControlBody.field("did", "is missing (the number an inbound call dials)");
    }
    if (!inbound && did.isPresent()) {
      throw ControlBody.field("did", "applies to inbound calls only");
    }
    if (!inbound && extension.isEmpty()) {
      throw ControlBody.field("extension", "is missing (the agent who calls out)");
    }
    if (inbound
        && extension.isPresent()
        && (outcome == Outcome.ABANDONED || outcome == Outcome.BUSY)) {
      throw ControlBody.field(
          "extension", "applies to answered and no_answer inbound calls only (nobody is rung)");
    }
    if (!inbound && outcome == Outcome.ABANDONED) {
      throw ControlBody.field(
          "outcome", "abandoned is for inbound calls (the caller hangs up while waiting)");
    }
    if (inbound && outcome == Outcome.CANCELLED) {
      throw ControlBody.field(
          "outcome",
          "cancelled is for outbound calls (an inbound caller who hangs up first has abandoned)");
    }
  }

  /** Reads the body of {@code POST /sim/calls}. */
  static SimulatedCall parse(ControlBody body) {
    String direction = body.text("direction").toLowerCase(Locale.ROOT);
    if (!direction.equals("inbound") && !direction.equals("outbound")) {
      throw ControlBody.field("direction", "is not inbound or outbound");
    }
    Outcome outcome = body.optionalText("outcome").map(Outcome::of).orElse(Outcome.ANSWERED);
    Optional<Duration> after = body.optionalSeconds("after", LONGEST);
    Optional<Duration> talk = body.optionalSeconds("talk", LONGEST);
    if (after.isPresent()
        && outcome != Outcome.ANSWERED
        && outcome != Outcome.ABANDONED
        && outcome != Outcome.CANCELLED) {
      throw ControlBody.field(
          "after",
          "applies to answered, abandoned and cancelled calls only, not " + outcome.wireName());
    }
    if (talk.isPresent() && outcome != Outcome.ANSWERED) {
      throw ControlBody.field("talk", "applies to answered calls only, not " + outcome.wireName());
    }
    return new SimulatedCall(
        body.optionalText("tenant"),
        direction.equals("inbound"),
        body.optionalText("did"),
        body.text("phone"),
        body.optionalText("extension"),
        outcome,
        after.orElse(outcome == Outcome.ANSWERED ? DEFAULT_RING : DEFAULT_WAIT),
        talk.orElse(DEFAULT_TALK));
  }

  /**
   * Whether the PBX asks the CRM where to send this call (sticky routing): an inbound call to a
   * queue that no script sends to a named agent and that is not refused as busy.
   */
  boolean asksWhereToRoute(Engine engine, String domain) {
    return inbound
        && extension.isEmpty()
        && outcome != Outcome.BUSY
        && engine.routesToQueue(domain, did.get());
  }

  /**
   * Starts the call on {@code engine} for tenant {@code domain}, inbound calls first ringing the
   * {@code sticky} extension when its phone is free; returns its callid.
   */
  String start(Engine engine, String domain, Optional<String> sticky) {
    Optional<Script> script = Optional.of(script());
    if (inbound) {
      // With a script, the engine takes patience and talk time from it.
      return engine.inbound(domain, did.get(), phone, script, Duration.ZERO, Duration.ZERO, sticky);
    }
    return engine.outbound(domain, extension.get(), phone, script, talk);
  }

  private Script script() {
    Optional<String> rung = inbound ? extension : Optional.empty();
    return switch (outcome) {
      case ANSWERED -> new Script.Answer(rung, after, talk);
      case NO_ANSWER -> new Script.NoAnswer(rung);
      case ABANDONED -> new Script.Abandon(after);
      case BUSY -> new Script.Busy();
      case CANCELLED -> new Script.Cancel(after);
    };
  }

  private static String shortened(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
