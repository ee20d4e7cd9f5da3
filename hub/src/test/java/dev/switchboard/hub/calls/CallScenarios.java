package dev.switchboard.hub.calls;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.CallId;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import dev.switchboard.protocol.webhook.Hangup;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.MissedCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import dev.switchboard.protocol.webhook.WebhookJson;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Realistic event sequences of one VoiceCloud call, as the hub's log holds them: every event a
 * {@link LoggedEvent} with its time of receipt fixed, all of one tenant and callid, no two with the
 * same content (the log keeps the first of exact duplicates). Each scenario is first played out as
 * it happened at the PBX, then delivered to the hub as it might be: in time, with {@code call_in}
 * and {@code init} late (so {@code hangup} and {@code calldata} arrive first), with the end lost
 * and the call swept, or swept and then ended by a late end (PROTOCOL-NOTES: "assume webhooks
 * arrive late, twice, or out of order, or not at all").
 */
final class CallScenarios {
  static final List<String> EXTENSIONS = List.of("100", "101", "102", "103", "104", "105");
  private static final List<String> SUBSCRIBERS = List.of("938363739", "912345678", "2873001234");
  private static final Instant EARLIEST = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2026-12-31T00:00:00Z");
  private static final Duration SHORTEST_RING = Duration.ofSeconds(1);

  private CallScenarios() {}

  /** What happened at the PBX. */
  enum Kind {
    INBOUND_ANSWERED,
    INBOUND_MISSED,
    NO_ANSWER_THEN_ANSWERED,
    OUTBOUND_ANSWERED,
    OUTBOUND_UNANSWERED,
    RINGING_ONLY;

    boolean answered() {
      return this == INBOUND_ANSWERED
          || this == NO_ANSWER_THEN_ANSWERED
          || this == OUTBOUND_ANSWERED;
    }
  }

  /** How the PBX's webhooks reached the hub. */
  enum Delivery {
    /** Each webhook as it happened. */
    AS_IT_HAPPENED,
    /** {@code call_in} and {@code init} (sometimes the agent calldata too) held back by retries. */
    LIVE_EVENTS_LATE,
    /** The hangup and calldata never came; the sweeper closed the call. */
    END_LOST_THEN_SWEPT,
    /** The sweeper closed the call, then the hangup and calldata came after all. */
    SWEPT_BEFORE_LATE_END
  }

  /** How a PBX writes the customer's number. */
  enum PhoneFormat {
    NATIONAL("0"),
    INTERNATIONAL("+84"),
    COUNTRY_CODE("84");

    final String prefix;

    PhoneFormat(String prefix) {
      this.prefix = prefix;
    }
  }

  /** The customer's number as the live webhooks write it and as the final record writes it. */
  record Customer(PhoneNumber live, PhoneNumber record) {
    static Customer of(String subscriber, PhoneFormat live, PhoneFormat record) {
      return new Customer(
          PhoneNumber.parse(live.prefix + subscriber),
          PhoneNumber.parse(record.prefix + subscriber));
    }
  }

  /** Who and what one call is about, and when it began. */
  record Parties(
      String tenantId,
      CallId callId,
      Instant start,
      Customer customer,
      String queue,
      String did,
      boolean waitsInQueueFirst) {

    IncomingCall callIn(Optional<String> extension, CallProgress event, Edition edition) {
      boolean v2 = edition == Edition.V2;
      return new IncomingCall(
          callId,
          customer.live(),
          extension,
          v2 ? Optional.of(queue) : Optional.empty(),
          v2 ? Optional.of(event) : Optional.empty(),
          v2 ? Optional.of(did) : Optional.empty(),
          Map.of());
    }

    IncomingCall callIn(String extension, CallProgress event, Edition edition) {
      return callIn(Optional.of(extension), event, edition);
    }

    AgentAnswered agentAnswered(String extension) {
      return new AgentAnswered(
          callId, extension, Optional.of(queue), Optional.of(customer.live()), Map.of());
    }

    AgentNoAnswer agentNoAnswer(String extension) {
      return new AgentNoAnswer(
          callId, extension, Optional.of(queue), Optional.of(customer.live()), Map.of());
    }

    OutboundCall init(String extension, CallProgress event) {
      return new OutboundCall(callId, extension, customer.live(), Optional.of(event), Map.of());
    }

    Optional<String> recording() {
      return Optional.of("https://portal.voicecloud.vn/play_audio/data/" + callId.value());
    }
  }

  /** The gaps between one happening and the next, and the delays of delivery. */
  record Timing(
      List<Integer> gapsMillis,
      Delivery delivery,
      int lateMillis,
      boolean agentCalldataLateToo,
      Duration sweepAfter,
      Source recordSource) {

    int gap(int step) {
      return gapsMillis.get(step % gapsMillis.size());
    }
  }

  /**
   * One call's events as logged.
   *
   * @param kind what happened
   * @param edition the edition the PBX speaks
   * @param delivery how the webhooks reached the hub
   * @param direction which way the call went
   * @param rung the extensions rung (inbound), in the order they were rung
   * @param answeringExtension the extension that answered (inbound) or called (outbound)
   * @param events the events, in the order the log holds them
   */
  record Scenario(
      Kind kind,
      Edition edition,
      Delivery delivery,
      String tenantId,
      String callId,
      CallDirection direction,
      List<String> rung,
      Optional<String> answeringExtension,
      List<LoggedEvent> events) {

    /** Checks what the hub's log guarantees: one tenant, one callid, no exact duplicates. */
    Scenario {
      rung = List.copyOf(rung);
      events = List.copyOf(events);
      Set<String> contents = new HashSet<>();
      for (LoggedEvent event : events) {
        if (!event.tenantId().equals(tenantId)
            || !event.callId().equals(Optional.of(callId))
            || !contents.add(content(event))) {
          throw new IllegalStateException("not a call's log: " + event);
        }
      }
    }

    /** The record of this call. */
    Call fold() {
      return CallFold.fold(tenantId, callId, events);
    }

    /** The same call with only the events in {@code kept}. */
    Scenario keeping(Set<LoggedEvent> kept) {
      return new Scenario(
          kind,
          edition,
          delivery,
          tenantId,
          callId,
          direction,
          rung,
          answeringExtension,
          events.stream().filter(kept::contains).toList());
    }

    /** The events carrying a webhook of {@code type}. */
    List<LoggedEvent> eventsOf(Class<? extends WebhookEvent> type) {
      return events.stream().filter(e -> e.webhook().filter(type::isInstance).isPresent()).toList();
    }

    boolean has(Class<? extends WebhookEvent> type) {
      return !eventsOf(type).isEmpty();
    }

    /** A webhook of this call received at {@code at}. */
    LoggedEvent received(Instant at, WebhookEvent webhook) {
      return new LoggedEvent(
          0,
          tenantId,
          at,
          Source.WEBHOOK,
          webhook.type().wireName(),
          Optional.of(callId),
          Optional.of(webhook));
    }

    @Override
    public String toString() {
      return kind
          + " "
          + edition
          + " "
          + delivery
          + " (tenant "
          + tenantId
          + ", call "
          + callId
          + "):\n"
          + describe(events);
    }
  }

  /** One line per event: seq, time received, type, source when not a webhook, fields. */
  static String describe(List<LoggedEvent> events) {
    return events.stream()
        .map(
            e ->
                "  #"
                    + e.seq()
                    + " "
                    + e.receivedAt()
                    + " "
                    + e.type()
                    + (e.source() == Source.WEBHOOK ? "" : " via " + e.source().code())
                    + " "
                    + e.webhook()
                        .map(w -> WebhookJson.normalised(w).without("type").toString())
                        .orElse(""))
        .collect(Collectors.joining("\n"));
  }

  /** What the log compares to find duplicates: the type and normalised fields. */
  static String content(LoggedEvent event) {
    return event.type()
        + " "
        + event.webhook().map(w -> WebhookJson.normalised(w).toString()).orElse("");
  }

  /** Whether this event tells the hub the call is over. */
  static boolean endsTheCall(LoggedEvent event) {
    return event.isSweep()
        || event
            .webhook()
            .filter(w -> w instanceof Hangup || w instanceof CallRecord || w instanceof MissedCall)
            .isPresent();
  }

  /** Whether this event says someone picked up (without being a final record). */
  static boolean reportsAnAnswer(LoggedEvent event) {
    return event
        .webhook()
        .filter(
            w ->
                w instanceof AgentAnswered
                    || (w instanceof IncomingCall call
                        && call.event().filter(CallProgress.ANSWER::equals).isPresent())
                    || (w instanceof OutboundCall out
                        && out.event().filter(CallProgress.ANSWER::equals).isPresent()))
        .isPresent();
  }

  // ---- generators -------------------------------------------------------------------------

  /** Any realistic call, delivered any realistic way. */
  static Gen<Scenario> scenarios() {
    return Generate.oneOf(
        inboundAnswered(),
        inboundMissed(),
        noAnswerThenAnswered(),
        outboundAnswered(),
        outboundUnanswered(),
        ringingOnly());
  }

  /**
   * What the hub holds of {@code scenario} when any of its webhooks were lost (at least one left).
   */
  static Gen<Scenario> withLostWebhooks(Scenario scenario) {
    return Generators.subsets(scenario.events(), 1).map(scenario::keeping);
  }

  static Gen<Parties> parties() {
    Gen<String> tenants = arbitrary().pick("default", "acme", "globex");
    Gen<CallId> callIds = longs().all().map(n -> CallId.of(new UUID(n, ~n).toString()));
    Gen<Instant> starts =
        longs()
            .between(EARLIEST.toEpochMilli(), LATEST.toEpochMilli())
            .map(millis -> Instant.ofEpochMilli(millis));
    Gen<Customer> customers =
        arbitrary()
            .pick(SUBSCRIBERS)
            .zip(
                arbitrary().enumValues(PhoneFormat.class),
                arbitrary().enumValues(PhoneFormat.class),
                Customer::of);
    Gen<String> queues = arbitrary().pick("999", "800", "sales");
    Gen<String> dids = arbitrary().pick("19002028", "02873001234");
    Gen<Boolean> waitsInQueueFirst = booleans().all();
    return in ->
        new Parties(
            tenants.generate(in),
            callIds.generate(in),
            starts.generate(in),
            customers.generate(in),
            queues.generate(in),
            dids.generate(in),
            waitsInQueueFirst.generate(in));
  }

  static Gen<Timing> timing() {
    // Webhooks within the same millisecond happen: a fifth of the gaps are zero.
    Gen<Integer> gaps =
        Generate.frequency(
            Pair.of(1, Generate.constant(0)), Pair.of(4, integers().between(1, 45_000)));
    Gen<List<Integer>> gapLists = lists().of(gaps).ofSize(12);
    Gen<Delivery> deliveries = arbitrary().enumValues(Delivery.class);
    Gen<Integer> lateMillis = integers().between(1, 600_000);
    Gen<Boolean> agentCalldataLateToo = booleans().all();
    Gen<Duration> sweepAfter =
        integers().between(30, 240).map(minutes -> Duration.ofMinutes(minutes));
    Gen<Source> recordSources = arbitrary().pick(Source.WEBHOOK, Source.CDR_SYNC);
    return in ->
        new Timing(
            gapLists.generate(in),
            deliveries.generate(in),
            lateMillis.generate(in),
            agentCalldataLateToo.generate(in),
            sweepAfter.generate(in),
            recordSources.generate(in));
  }

  /** Rings at A, A answers (v2 {@code call_in ANSWER} or v1 agent calldata), hangup, CDR. */
  static Gen<Scenario> inboundAnswered() {
    return parties()
        .zip(
            timing(),
            arbitrary().pick(EXTENSIONS),
            arbitrary().enumValues(Edition.class),
            (parties, timing, agent, edition) -> {
              Timeline line = new Timeline(parties, timing);
              line.waitInQueue(edition);
              line.then(parties.callIn(agent, CallProgress.RINGING, edition));
              Instant answered =
                  line.afterRinging(
                      edition == Edition.V2
                          ? parties.callIn(agent, CallProgress.ANSWER, edition)
                          : parties.agentAnswered(agent));
              Instant ended = line.then(Hangup.of(parties.callId()));
              line.then(
                  inboundRecord(
                      parties,
                      edition,
                      agent,
                      CallStatus.ANSWER,
                      line.began(),
                      Optional.of(answered),
                      ended));
              return line.deliver(
                  Kind.INBOUND_ANSWERED,
                  edition,
                  CallDirection.INBOUND,
                  List.of(agent),
                  Optional.of(agent));
            });
  }

  /**
   * Rings at one to three extensions (v2: each may report no answer), the customer gives up in the
   * queue (ABANDON), sometimes a hangup follows.
   */
  static Gen<Scenario> inboundMissed() {
    Gen<Parties> calls = parties();
    Gen<Timing> timings = timing();
    Gen<List<String>> rung = Generators.distinct(EXTENSIONS, 1, 3);
    Gen<List<Boolean>> noAnswerFlags = lists().of(booleans().all()).ofSize(3);
    Gen<Boolean> hangups = booleans().all();
    Gen<Edition> editions = arbitrary().enumValues(Edition.class);
    return in -> {
      Parties parties = calls.generate(in);
      Timing timing = timings.generate(in);
      List<String> agents = rung.generate(in);
      List<Boolean> noAnswers = noAnswerFlags.generate(in);
      boolean hangupToo = hangups.generate(in);
      Edition edition = editions.generate(in);
      Timeline line = new Timeline(parties, timing);
      line.waitInQueue(edition);
      for (int i = 0; i < agents.size(); i++) {
        line.then(parties.callIn(agents.get(i), CallProgress.RINGING, edition));
        if (edition == Edition.V2 && noAnswers.get(i)) {
          line.afterRinging(parties.agentNoAnswer(agents.get(i)));
        }
      }
      Instant gaveUp = line.next();
      line.at(
          gaveUp,
          new MissedCall(
              parties.callId(),
              edition == Edition.V1 ? Optional.of(calldate(line.began())) : Optional.empty(),
              Optional.of(seconds(line.began(), gaveUp)),
              Optional.of(parties.queue()),
              Optional.of(parties.customer().live()),
              Map.of()));
      if (hangupToo) {
        line.then(Hangup.of(parties.callId()));
      }
      return line.deliver(
          Kind.INBOUND_MISSED, edition, CallDirection.INBOUND, agents, Optional.empty());
    };
  }

  /** v2: rings at A, A does not answer, rings at B, B answers, hangup, CDR naming B. */
  static Gen<Scenario> noAnswerThenAnswered() {
    return parties()
        .zip(
            timing(),
            Generators.distinct(EXTENSIONS, 2, 2),
            (parties, timing, agents) -> {
              String first = agents.get(0);
              String second = agents.get(1);
              Edition v2 = Edition.V2;
              Timeline line = new Timeline(parties, timing);
              line.waitInQueue(v2);
              line.then(parties.callIn(first, CallProgress.RINGING, v2));
              line.afterRinging(parties.agentNoAnswer(first));
              line.then(parties.callIn(second, CallProgress.RINGING, v2));
              Instant answered = line.afterRinging(parties.callIn(second, CallProgress.ANSWER, v2));
              Instant ended = line.then(Hangup.of(parties.callId()));
              line.then(
                  inboundRecord(
                      parties,
                      v2,
                      second,
                      CallStatus.ANSWER,
                      line.began(),
                      Optional.of(answered),
                      ended));
              return line.deliver(
                  Kind.NO_ANSWER_THEN_ANSWERED,
                  v2,
                  CallDirection.INBOUND,
                  agents,
                  Optional.of(second));
            });
  }

  /** An agent calls out, the customer answers, hangup, CDR (Outbound). */
  static Gen<Scenario> outboundAnswered() {
    return parties()
        .zip(
            timing(),
            arbitrary().pick(EXTENSIONS),
            (parties, timing, agent) -> {
              Timeline line = new Timeline(parties, timing);
              line.then(parties.init(agent, CallProgress.RINGING));
              Instant answered = line.afterRinging(parties.init(agent, CallProgress.ANSWER));
              Instant ended = line.then(Hangup.of(parties.callId()));
              line.then(
                  outboundRecord(
                      parties,
                      agent,
                      CallStatus.ANSWER,
                      line.began(),
                      Optional.of(answered),
                      ended));
              return line.deliver(
                  Kind.OUTBOUND_ANSWERED,
                  Edition.V2,
                  CallDirection.OUTBOUND,
                  List.of(),
                  Optional.of(agent));
            });
  }

  /** An agent calls out, nobody answers or the line is busy, hangup, CDR (Outbound). */
  static Gen<Scenario> outboundUnanswered() {
    return parties()
        .zip(
            timing(),
            arbitrary().pick(EXTENSIONS),
            arbitrary().pick(CallStatus.NOANSWER, CallStatus.BUSY),
            (parties, timing, agent, status) -> {
              Timeline line = new Timeline(parties, timing);
              line.then(parties.init(agent, CallProgress.RINGING));
              Instant ended = line.then(Hangup.of(parties.callId()));
              line.then(
                  outboundRecord(parties, agent, status, line.began(), Optional.empty(), ended));
              return line.deliver(
                  Kind.OUTBOUND_UNANSWERED,
                  Edition.V2,
                  CallDirection.OUTBOUND,
                  List.of(),
                  Optional.of(agent));
            });
  }

  /** A call still ringing: {@code call_in} at one to three extensions, or an {@code init}. */
  static Gen<Scenario> ringingOnly() {
    return parties()
        .zip(
            timing(),
            Generators.distinct(EXTENSIONS, 1, 3),
            booleans().all(),
            arbitrary().enumValues(Edition.class),
            (parties, timing, agents, outbound, edition) -> {
              Timeline line = new Timeline(parties, timing);
              if (outbound) {
                line.then(parties.init(agents.get(0), CallProgress.RINGING));
                return line.deliver(
                    Kind.RINGING_ONLY,
                    Edition.V2,
                    CallDirection.OUTBOUND,
                    List.of(),
                    Optional.of(agents.get(0)));
              }
              line.waitInQueue(edition);
              for (String agent : agents) {
                line.then(parties.callIn(agent, CallProgress.RINGING, edition));
              }
              return line.deliver(
                  Kind.RINGING_ONLY, edition, CallDirection.INBOUND, agents, Optional.empty());
            });
  }

  // ---- building -----------------------------------------------------------------------------

  private static CallRecord inboundRecord(
      Parties parties,
      Edition edition,
      String extension,
      CallStatus status,
      Instant began,
      Optional<Instant> answered,
      Instant ended) {
    boolean v2 = edition == Edition.V2;
    return new CallRecord(
        parties.callId(),
        Optional.of(calldate(began)),
        Optional.of(seconds(began, ended)),
        v2
            ? Optional.of(answered.map(at -> seconds(at, ended)).orElse(Duration.ZERO))
            : Optional.empty(),
        Optional.of(status),
        v2 ? Optional.of(parties.did()) : Optional.empty(),
        Optional.of(extension),
        Optional.of(parties.customer().record()),
        v2 ? Optional.of(Direction.INBOUND) : Optional.empty(),
        answered.isPresent() ? parties.recording() : Optional.empty(),
        Map.of());
  }

  private static CallRecord outboundRecord(
      Parties parties,
      String extension,
      CallStatus status,
      Instant began,
      Optional<Instant> answered,
      Instant ended) {
    return new CallRecord(
        parties.callId(),
        Optional.of(calldate(began)),
        Optional.of(seconds(began, ended)),
        Optional.of(answered.map(at -> seconds(at, ended)).orElse(Duration.ZERO)),
        Optional.of(status),
        Optional.empty(),
        Optional.of(extension),
        Optional.of(parties.customer().record()),
        Optional.of(Direction.OUTBOUND),
        answered.isPresent() ? parties.recording() : Optional.empty(),
        Map.of());
  }

  /** The PBX reports the start in whole seconds. */
  private static Instant calldate(Instant began) {
    return began.truncatedTo(ChronoUnit.SECONDS);
  }

  private static Duration seconds(Instant from, Instant to) {
    return Duration.ofSeconds(Duration.between(from, to).toSeconds());
  }

  private record Happening(Instant at, WebhookEvent event) {}

  private record Delivered(Instant at, Source source, Optional<WebhookEvent> webhook) {}

  /** A call played out at the PBX, one webhook after another. Not thread-safe. */
  private static final class Timeline {
    private final Parties parties;
    private final Timing timing;
    private final List<Happening> happenings = new ArrayList<>();
    private Instant now;
    private int step;

    Timeline(Parties parties, Timing timing) {
      this.parties = parties;
      this.timing = timing;
      this.now = parties.start();
    }

    /** The time of the next happening. */
    Instant next() {
      now = now.plusMillis(timing.gap(step++));
      return now;
    }

    /** {@code event} happens next; returns when. */
    Instant then(WebhookEvent event) {
      return at(next(), event);
    }

    /**
     * {@code event} happens next, after a phone has rung for a while: nobody answers, or lets a
     * call ring out, within the same millisecond it began to ring.
     */
    Instant afterRinging(WebhookEvent event) {
      Instant at = next();
      Instant earliest = happenings.get(happenings.size() - 1).at().plus(SHORTEST_RING);
      now = at.isBefore(earliest) ? earliest : at;
      return at(now, event);
    }

    Instant at(Instant at, WebhookEvent event) {
      happenings.add(new Happening(at, event));
      return at;
    }

    Instant began() {
      return happenings.get(0).at();
    }

    /** v2: the call may first be announced waiting in the queue, with no extension. */
    void waitInQueue(Edition edition) {
      if (edition == Edition.V2 && parties.waitsInQueueFirst()) {
        then(parties.callIn(Optional.empty(), CallProgress.RINGING, edition));
      }
    }

    Scenario deliver(
        Kind kind,
        Edition edition,
        CallDirection direction,
        List<String> rung,
        Optional<String> answeringExtension) {
      Delivery delivery = kind == Kind.RINGING_ONLY ? Delivery.AS_IT_HAPPENED : timing.delivery();
      Instant first = began();
      Instant last = happenings.get(happenings.size() - 1).at();
      Duration span = Duration.between(first, last);
      Duration late = Duration.ofMillis(timing.lateMillis());
      List<Delivered> delivered = new ArrayList<>();
      for (Happening happening : happenings) {
        WebhookEvent event = happening.event();
        boolean end =
            event instanceof Hangup || event instanceof CallRecord || event instanceof MissedCall;
        boolean live =
            event instanceof IncomingCall
                || event instanceof OutboundCall
                || (timing.agentCalldataLateToo()
                    && (event instanceof AgentAnswered || event instanceof AgentNoAnswer));
        Instant at =
            switch (delivery) {
              case AS_IT_HAPPENED, END_LOST_THEN_SWEPT -> happening.at();
              // Held back past the last end event: hangup and calldata arrive first.
              case LIVE_EVENTS_LATE -> live ? happening.at().plus(span).plus(late) : happening.at();
              case SWEPT_BEFORE_LATE_END ->
                  end ? happening.at().plus(timing.sweepAfter()).plus(late) : happening.at();
            };
        if (end && delivery == Delivery.END_LOST_THEN_SWEPT) {
          continue;
        }
        Source source = event instanceof CallRecord ? timing.recordSource() : Source.WEBHOOK;
        delivered.add(new Delivered(at, source, Optional.of(event)));
      }
      if (delivery == Delivery.END_LOST_THEN_SWEPT || delivery == Delivery.SWEPT_BEFORE_LATE_END) {
        delivered.add(
            new Delivered(first.plus(timing.sweepAfter()), Source.SWEEPER, Optional.empty()));
      }
      delivered.sort(Comparator.comparing(Delivered::at));
      List<LoggedEvent> events = new ArrayList<>();
      String callId = parties.callId().value();
      for (Delivered d : delivered) {
        events.add(
            new LoggedEvent(
                events.size() + 1,
                parties.tenantId(),
                d.at(),
                d.source(),
                d.webhook().map(w -> w.type().wireName()).orElse(EventDraft.SWEPT),
                Optional.of(callId),
                d.webhook()));
      }
      return new Scenario(
          kind,
          edition,
          delivery,
          parties.tenantId(),
          callId,
          direction,
          rung,
          answeringExtension,
          events);
    }
  }
}
