package dev.switchboard.hub.calls;

import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.AgentNoAnswer;
import dev.switchboard.protocol.webhook.CallProgress;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import dev.switchboard.protocol.webhook.Hangup;
import dev.switchboard.protocol.webhook.IncomingCall;
import dev.switchboard.protocol.webhook.MissedCall;
import dev.switchboard.protocol.webhook.OutboundCall;
import dev.switchboard.protocol.webhook.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Derives a {@link Call} from the set of its logged events. Every choice is a function of the set,
 * never of arrival order: events are first put in a canonical order (time received, then type, then
 * content), end states win over earlier ones ({@code hangup} before {@code call_in} still ends the
 * call), and where sources disagree a fixed precedence decides (the final call record over the live
 * events). Duplicates change nothing. Stateless.
 */
public final class CallFold {
  /** An event with its sort key: time received, type, then content (computed once). */
  private record Keyed(LoggedEvent event, String content) {}

  private static final Comparator<Keyed> CANONICAL =
      Comparator.comparing((Keyed k) -> k.event().receivedAt())
          .thenComparing(k -> k.event().type())
          .thenComparing(Keyed::content);

  private CallFold() {}

  /** The call that {@code events} (all with this call id) describe; at least one event. */
  public static Call fold(String tenantId, String callId, List<LoggedEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a call is folded from at least one event");
    }
    List<LoggedEvent> ordered =
        events.stream()
            .map(e -> new Keyed(e, e.content()))
            .sorted(CANONICAL)
            .map(Keyed::event)
            .toList();
    Facts facts = new Facts(ordered);

    Optional<CallRecord> cdr = facts.finalRecord();
    Optional<Instant> calldate =
        cdr.flatMap(CallRecord::calldate)
            .or(() -> facts.first(MissedCall.class, MissedCall::calldate));
    CallDirection direction = direction(facts, cdr);
    boolean answered =
        facts.answerTimes().findAny().isPresent()
            || cdr.filter(r -> r.status().filter(CallStatus.ANSWER::equals).isPresent())
                .isPresent();
    boolean ended =
        !facts.of(Hangup.class).isEmpty()
            || cdr.isPresent()
            || !facts.of(MissedCall.class).isEmpty()
            || facts.sweeps().findAny().isPresent();
    CallState state = ended ? CallState.ENDED : answered ? CallState.TALKING : CallState.RINGING;
    Optional<Outcome> outcome =
        ended ? Optional.of(outcome(facts, cdr, direction, answered)) : Optional.empty();

    return new Call(
        tenantId,
        callId,
        direction,
        customer(facts, cdr),
        cdr.flatMap(CallRecord::did)
            .or(() -> facts.first(IncomingCall.class, IncomingCall::did))
            .or(() -> facts.firstRecordWith(CallRecord::did))
            .or(() -> facts.first(MissedCall.class, m -> extra(m.extra(), "did"))),
        facts
            .first(IncomingCall.class, IncomingCall::queue)
            .or(() -> facts.first(MissedCall.class, MissedCall::queue))
            .or(() -> facts.first(AgentAnswered.class, AgentAnswered::queue))
            .or(() -> facts.first(AgentNoAnswer.class, AgentNoAnswer::queue))
            .or(() -> cdr.flatMap(r -> extra(r.extra(), "queue")))
            .or(() -> facts.firstRecordWith(r -> extra(r.extra(), "queue"))),
        state,
        outcome,
        answeredBy(facts, cdr, direction),
        attempts(facts, state, direction),
        firstSeen(facts, calldate),
        facts.ringTimes().min(Comparator.naturalOrder()).or(() -> calldate),
        answered ? answeredAt(facts, cdr) : Optional.empty(),
        endedAt(facts, cdr),
        calldate,
        cdr.flatMap(CallRecord::duration),
        cdr.flatMap(CallRecord::billsec),
        // The report's record carries the wait of every call; a final webhook has none.
        facts
            .first(MissedCall.class, MissedCall::holdtime)
            .or(() -> cdr.flatMap(r -> seconds(r.extra().get("holdtime"))))
            .or(() -> facts.firstRecordWith(r -> seconds(r.extra().get("holdtime")))),
        cdr.flatMap(CallRecord::recordingUrl));
  }

  private static CallDirection direction(Facts facts, Optional<CallRecord> cdr) {
    Optional<Direction> reported = cdr.flatMap(CallRecord::direction);
    if (reported.filter(Direction.INBOUND::equals).isPresent()) {
      return CallDirection.INBOUND;
    }
    if (reported.filter(Direction.OUTBOUND::equals).isPresent()) {
      return CallDirection.OUTBOUND;
    }
    if (!facts.of(OutboundCall.class).isEmpty()) {
      return CallDirection.OUTBOUND;
    }
    if (!facts.of(IncomingCall.class).isEmpty()
        || !facts.of(MissedCall.class).isEmpty()
        || !facts.of(AgentAnswered.class).isEmpty()
        || !facts.of(AgentNoAnswer.class).isEmpty()) {
      return CallDirection.INBOUND;
    }
    return CallDirection.UNKNOWN;
  }

  private static Optional<PhoneNumber> customer(Facts facts, Optional<CallRecord> cdr) {
    return cdr.flatMap(CallRecord::phone)
        .or(() -> facts.first(IncomingCall.class, call -> Optional.of(call.phone())))
        .or(() -> facts.first(OutboundCall.class, call -> Optional.of(call.phone())))
        .or(() -> facts.first(MissedCall.class, MissedCall::phone))
        .or(() -> facts.first(AgentAnswered.class, AgentAnswered::phone))
        .or(() -> facts.first(AgentNoAnswer.class, AgentNoAnswer::phone))
        .or(() -> facts.firstRecordWith(CallRecord::phone));
  }

  private static Optional<String> answeredBy(
      Facts facts, Optional<CallRecord> cdr, CallDirection direction) {
    if (direction == CallDirection.OUTBOUND) {
      return facts
          .first(OutboundCall.class, call -> Optional.of(call.extension()))
          .or(() -> cdr.flatMap(CallRecord::extension));
    }
    return cdr.filter(r -> r.status().filter(CallStatus.ANSWER::equals).isPresent())
        .flatMap(CallRecord::extension)
        .or(() -> facts.first(AgentAnswered.class, a -> Optional.of(a.extension())))
        .or(
            () ->
                facts.first(
                    IncomingCall.class,
                    c -> isAnswer(c.event()) ? c.extension() : Optional.empty()));
  }

  private static Outcome outcome(
      Facts facts, Optional<CallRecord> cdr, CallDirection direction, boolean answered) {
    if (!facts.of(MissedCall.class).isEmpty()) {
      return Outcome.MISSED;
    }
    if (cdr.isPresent() && cdr.get().status().isPresent()) {
      switch (cdr.get().status().get().code()) {
        case "ANSWER":
          return Outcome.ANSWERED;
        case "BUSY":
          return Outcome.BUSY;
        case "NOANSWER":
        case "CANCEL":
          return direction == CallDirection.INBOUND ? Outcome.MISSED : Outcome.NO_ANSWER;
        case "FAILED":
        case "CONGESTION":
          return Outcome.FAILED;
        default:
          return answered ? Outcome.ANSWERED : Outcome.UNKNOWN;
      }
    }
    if (facts.of(Hangup.class).isEmpty() && cdr.isEmpty()) {
      return Outcome.UNKNOWN; // swept: it never ended on its own, whatever it was doing
    }
    if (answered) {
      return Outcome.ANSWERED;
    }
    if (direction == CallDirection.INBOUND) {
      return Outcome.MISSED;
    }
    return direction == CallDirection.OUTBOUND ? Outcome.NO_ANSWER : Outcome.UNKNOWN;
  }

  /**
   * Every extension rung. Times come from the live events (call_in, agent answer and no-answer),
   * never from when a final record happened to arrive: the final record only adds its result, and
   * its calldate is the time of an attempt no live event mentions.
   */
  private static List<Attempt> attempts(Facts facts, CallState state, CallDirection direction) {
    Map<String, Attempt> byExtension = new LinkedHashMap<>();
    List<CallRecord> records = new ArrayList<>();
    for (LoggedEvent event : facts.ordered) {
      WebhookEvent webhook = event.webhook().orElse(null);
      if (webhook instanceof IncomingCall call && call.extension().isPresent()) {
        Attempt.Result result =
            isAnswer(call.event()) ? Attempt.Result.ANSWERED : Attempt.Result.RINGING;
        note(byExtension, call.extension().get(), result, event.receivedAt());
      } else if (webhook instanceof AgentAnswered answer) {
        note(byExtension, answer.extension(), Attempt.Result.ANSWERED, event.receivedAt());
      } else if (webhook instanceof AgentNoAnswer noAnswer) {
        note(byExtension, noAnswer.extension(), Attempt.Result.NO_ANSWER, event.receivedAt());
      } else if (webhook instanceof CallRecord record
          && record.extension().isPresent()
          && direction != CallDirection.OUTBOUND) {
        records.add(record);
      }
    }
    for (CallRecord record : records) {
      String extension = record.extension().get();
      Attempt known = byExtension.get(extension);
      Instant at =
          known != null ? known.at() : record.calldate().orElse(facts.ordered.get(0).receivedAt());
      note(byExtension, extension, resultOf(record.status()), at);
    }
    boolean answered =
        byExtension.values().stream().anyMatch(a -> a.result() == Attempt.Result.ANSWERED);
    List<Attempt> attempts = new ArrayList<>();
    for (Attempt attempt : byExtension.values()) {
      // Still ringing when the call ended, or when another agent took it (ring-all): not answered.
      boolean over =
          (state == CallState.ENDED || answered) && attempt.result() == Attempt.Result.RINGING;
      attempts.add(
          over
              ? new Attempt(attempt.extension(), Attempt.Result.NO_ANSWER, attempt.at())
              : attempt);
    }
    attempts.sort(Comparator.comparing(Attempt::at).thenComparing(Attempt::extension));
    return attempts;
  }

  private static Attempt.Result resultOf(Optional<CallStatus> status) {
    String code = status.map(CallStatus::code).orElse("");
    switch (code) {
      case "ANSWER":
        return Attempt.Result.ANSWERED;
      case "BUSY":
        return Attempt.Result.BUSY;
      default:
        return Attempt.Result.NO_ANSWER;
    }
  }

  /** Keeps the strongest result seen for an extension and the earliest time. */
  private static void note(
      Map<String, Attempt> attempts, String extension, Attempt.Result result, Instant at) {
    attempts.merge(
        extension,
        new Attempt(extension, result, at),
        (old, fresh) ->
            new Attempt(
                extension,
                old.result().compareTo(fresh.result()) >= 0 ? old.result() : fresh.result(),
                old.at().isBefore(fresh.at()) ? old.at() : fresh.at()));
  }

  /**
   * When the call ended: when the hub saw its end (hangup, final record, missed call) if it did;
   * else what the PBX reported (calldate plus duration, or plus holdtime for a missed call); else
   * when it was swept. Never a mix of the two clocks.
   */
  private static Optional<Instant> endedAt(Facts facts, Optional<CallRecord> cdr) {
    Optional<Instant> observed =
        facts
            .live()
            .filter(
                e ->
                    e.webhook()
                        .filter(
                            w ->
                                w instanceof Hangup
                                    || w instanceof CallRecord
                                    || w instanceof MissedCall)
                        .isPresent())
            .map(LoggedEvent::receivedAt)
            .min(Comparator.naturalOrder());
    return observed
        .or(() -> cdr.flatMap(r -> r.calldate().flatMap(date -> r.duration().map(date::plus))))
        .or(
            () ->
                facts.first(
                    MissedCall.class,
                    m -> m.calldate().flatMap(date -> m.holdtime().map(date::plus))))
        .or(() -> facts.sweeps().map(LoggedEvent::receivedAt).min(Comparator.naturalOrder()));
  }

  /**
   * When the hub first heard of the call; for a call known only from the PBX's report, its
   * calldate.
   */
  private static Instant firstSeen(Facts facts, Optional<Instant> calldate) {
    return facts
        .live()
        .map(LoggedEvent::receivedAt)
        .min(Comparator.naturalOrder())
        .or(() -> calldate)
        .orElse(facts.ordered.get(0).receivedAt());
  }

  /** The first live answer, else when the final record says talk began (start + wait). */
  private static Optional<Instant> answeredAt(Facts facts, Optional<CallRecord> cdr) {
    return facts
        .answerTimes()
        .min(Comparator.naturalOrder())
        .or(
            () ->
                cdr.flatMap(
                    r ->
                        r.calldate()
                            .flatMap(
                                date ->
                                    r.duration()
                                        .flatMap(
                                            d -> r.billsec().map(b -> date.plus(d.minus(b)))))));
  }

  private static boolean isAnswer(Optional<CallProgress> progress) {
    return progress.filter(CallProgress.ANSWER::equals).isPresent();
  }

  private static Optional<String> extra(Map<String, String> extra, String name) {
    return Optional.ofNullable(extra.get(name)).filter(value -> !value.isBlank());
  }

  private static Optional<java.time.Duration> seconds(String text) {
    try {
      return text == null
          ? Optional.empty()
          : Optional.of(java.time.Duration.ofSeconds(Long.parseLong(text.trim())));
    } catch (NumberFormatException notSeconds) {
      return Optional.empty();
    }
  }

  /** The events of one call in canonical order, with typed look-ups. */
  private static final class Facts {
    final List<LoggedEvent> ordered;

    Facts(List<LoggedEvent> ordered) {
      this.ordered = ordered;
    }

    <T extends WebhookEvent> List<T> of(Class<T> type) {
      return ordered.stream()
          .flatMap(e -> e.webhook().stream())
          .filter(type::isInstance)
          .map(type::cast)
          .toList();
    }

    <T extends WebhookEvent, R> Optional<R> first(Class<T> type, Function<T, Optional<R>> field) {
      return of(type).stream().map(field).flatMap(Optional::stream).findFirst();
    }

    /** Events the PBX sent as they happened (not reconciliation's, not the sweeper's). */
    Stream<LoggedEvent> live() {
      return ordered.stream().filter(e -> e.source() != Source.CDR_SYNC && !e.isSweep());
    }

    Stream<LoggedEvent> sweeps() {
      return ordered.stream().filter(LoggedEvent::isSweep);
    }

    /**
     * The final record: one the PBX sent as a webhook wins over one reconciliation found in its
     * call records (the webhook is what the PBX said at the time; the report may round or omit);
     * among those, an answered one, else the longest.
     */
    Optional<CallRecord> finalRecord() {
      Optional<CallRecord> fromWebhooks = best(Source.WEBHOOK);
      return fromWebhooks.isPresent() ? fromWebhooks : best(Source.CDR_SYNC);
    }

    private Optional<CallRecord> best(Source source) {
      List<CallRecord> records =
          ordered.stream()
              .filter(
                  e ->
                      e.source() == source
                          || (source == Source.WEBHOOK && e.source() != Source.CDR_SYNC))
              .flatMap(e -> e.webhook().stream())
              .filter(CallRecord.class::isInstance)
              .map(CallRecord.class::cast)
              .toList();
      return records.stream()
          .filter(r -> r.status().filter(CallStatus.ANSWER::equals).isPresent())
          .findFirst()
          .or(
              () ->
                  records.stream()
                      .max(
                          Comparator.comparing(r -> r.duration().orElse(java.time.Duration.ZERO))));
    }

    <R> Optional<R> firstRecordWith(Function<CallRecord, Optional<R>> field) {
      return first(CallRecord.class, field);
    }

    Stream<Instant> ringTimes() {
      return ordered.stream()
          .filter(
              e ->
                  e.webhook()
                      .filter(
                          w ->
                              (w instanceof IncomingCall call && !isAnswer(call.event()))
                                  || (w instanceof OutboundCall out && !isAnswer(out.event()))
                                  || w instanceof AgentNoAnswer)
                      .isPresent())
          .map(LoggedEvent::receivedAt);
    }

    Stream<Instant> answerTimes() {
      return ordered.stream()
          .filter(
              e ->
                  e.webhook()
                      .filter(
                          w ->
                              (w instanceof IncomingCall call && isAnswer(call.event()))
                                  || (w instanceof OutboundCall out && isAnswer(out.event()))
                                  || w instanceof AgentAnswered)
                      .isPresent())
          .map(LoggedEvent::receivedAt);
    }
  }
}
