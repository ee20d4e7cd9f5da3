package dev.switchboard.hub.calls;

import static dev.switchboard.hub.calls.CallScenarios.endsTheCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.switchboard.hub.calls.CallScenarios.Kind;
import dev.switchboard.hub.calls.CallScenarios.Scenario;
import dev.switchboard.hub.events.LoggedEvent;
import dev.switchboard.hub.events.Source;
import dev.switchboard.protocol.webhook.CallId;
import dev.switchboard.protocol.webhook.CallRecord;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Hangup;
import dev.switchboard.protocol.webhook.MissedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A call's record is a function of the set of its events: the order they arrive in and arriving
 * twice change nothing (PROTOCOL-NOTES, "Order independence", "Event identity and dedup"), and it
 * says what happened at the PBX.
 */
class CallFoldProperties {

  /** The events of a scenario in the order they reached the log, numbered in that order. */
  record Arrival(Scenario scenario, List<LoggedEvent> arrived) {
    @Override
    public String toString() {
      return scenario + "\narrived as:\n" + CallScenarios.describe(arrived);
    }
  }

  /**
   * How many draws one example may spend on values a filter or an assumption rejects. A quarter of
   * the scenarios pass the calldata-before-hangup filters, so QuickTheories' default of 10 would
   * give up on one example in about 18 (and fail the test); with 100, on one in 10^12.
   */
  private static final int ATTEMPTS = 100;

  private static Gen<Scenario> scenarios() {
    return CallScenarios.scenarios();
  }

  /** Whole scenarios, and what is left of them when webhooks were lost. */
  private static Gen<Scenario> lossyScenarios() {
    return CallScenarios.scenarios().flatMap(CallScenarios::withLostWebhooks);
  }

  private static Gen<Arrival> arrivals() {
    return Generate.oneOf(scenarios(), lossyScenarios())
        .flatMap(
            scenario ->
                Generators.shuffled(scenario.events())
                    .map(order -> new Arrival(scenario, numbered(order))));
  }

  private static Gen<Arrival> arrivalsWithRepeats() {
    return scenarios()
        .flatMap(
            scenario ->
                lists()
                    .of(Generate.pick(scenario.events()))
                    .ofSizeBetween(1, 2 * scenario.events().size())
                    .flatMap(
                        repeats ->
                            Generators.shuffled(concat(scenario.events(), repeats))
                                .map(order -> new Arrival(scenario, numbered(order)))));
  }

  private static Gen<Scenario> endedByHangupAndCalldata() {
    return scenarios().assuming(s -> s.has(Hangup.class) && s.has(CallRecord.class));
  }

  private static Gen<Scenario> answered() {
    return Generate.oneOf(
        CallScenarios.inboundAnswered(),
        CallScenarios.noAnswerThenAnswered(),
        CallScenarios.outboundAnswered());
  }

  private static Gen<Scenario> missed() {
    return CallScenarios.inboundMissed().assuming(s -> s.has(MissedCall.class));
  }

  private static Gen<Scenario> outbound() {
    return Generate.oneOf(CallScenarios.outboundAnswered(), CallScenarios.outboundUnanswered());
  }

  // ---- order and duplicates -------------------------------------------------------------------

  @Test
  void recordIsTheSameWhateverTheArrivalOrder() {
    qt().withExamples(1000)
        .forAll(arrivals())
        .checkAssert(
            arrival -> {
              Scenario scenario = arrival.scenario();

              assertThat(fold(scenario, arrival.arrived())).isEqualTo(scenario.fold());
            });
  }

  @Test
  void duplicatesChangeNothing() {
    qt().withExamples(1000)
        .forAll(arrivalsWithRepeats())
        .checkAssert(
            arrival -> {
              Scenario scenario = arrival.scenario();

              assertThat(fold(scenario, arrival.arrived())).isEqualTo(scenario.fold());
            });
  }

  /**
   * With only the live events and a hangup, the hangup ends the call whether it came before every
   * {@code call_in}/{@code init} or after them all; only the times of first sight and of the end
   * move with it.
   */
  @Test
  void hangupBeforeCallInStillEndsTheCall() {
    qt().withExamples(1000)
        .forAll(scenarios(), integers().between(1, 600_000))
        .checkAssert(
            (scenario, millis) -> {
              List<LoggedEvent> live =
                  scenario.events().stream().filter(e -> !endsTheCall(e)).toList();
              Instant firstLive =
                  live.stream().map(LoggedEvent::receivedAt).min(Comparator.naturalOrder()).get();
              Instant lastLive =
                  live.stream().map(LoggedEvent::receivedAt).max(Comparator.naturalOrder()).get();
              Hangup hangup = Hangup.of(CallId.of(scenario.callId()));
              LoggedEvent early = scenario.received(firstLive.minusMillis(millis), hangup);
              LoggedEvent late = scenario.received(lastLive.plusMillis(millis), hangup);

              Call hungUpFirst = fold(scenario, concat(List.of(early), live));
              Call hungUpLast = fold(scenario, concat(live, List.of(late)));

              assertThat(hungUpFirst.state()).isEqualTo(CallState.ENDED);
              assertThat(hungUpFirst.outcome())
                  .contains(
                      scenario.kind().answered()
                          ? Outcome.ANSWERED
                          : scenario.direction() == CallDirection.INBOUND
                              ? Outcome.MISSED
                              : Outcome.NO_ANSWER);
              assertThat(hungUpFirst.endedAt()).contains(early.receivedAt());
              assertThat(hungUpFirst)
                  .isEqualTo(
                      withTimes(hungUpLast, early.receivedAt(), Optional.of(early.receivedAt())));
            });
  }

  /**
   * Whether the final calldata or the hangup comes first, the record is the same; and the calldata
   * alone already gives it (but for when the call ended and was first seen).
   */
  @Test
  void calldataBeforeHangupConverges() {
    qt().withExamples(1000)
        .withGenerateAttempts(ATTEMPTS)
        .forAll(endedByHangupAndCalldata())
        // Only a webhook's arrival observes the end; a CDR sync's arrival says nothing of it.
        .assuming(
            scenario -> scenario.eventsOf(CallRecord.class).get(0).source() != Source.CDR_SYNC)
        .checkAssert(
            scenario -> {
              LoggedEvent hangup = scenario.eventsOf(Hangup.class).get(0);
              LoggedEvent calldata = scenario.eventsOf(CallRecord.class).get(0);
              List<LoggedEvent> swapped = new ArrayList<>();
              for (LoggedEvent event : scenario.events()) {
                swapped.add(
                    event == hangup
                        ? at(hangup, calldata.receivedAt())
                        : event == calldata ? at(calldata, hangup.receivedAt()) : event);
              }
              List<LoggedEvent> withoutHangup =
                  scenario.events().stream().filter(event -> event != hangup).toList();
              Call record = scenario.fold();

              assertThat(fold(scenario, swapped)).isEqualTo(record);
              Call calldataAlone = fold(scenario, withoutHangup);
              assertThat(calldataAlone.state()).isEqualTo(CallState.ENDED);
              assertThat(withTimes(calldataAlone, record.firstSeenAt(), record.endedAt()))
                  .isEqualTo(record);
            });
  }

  // ---- what the record says ------------------------------------------------------------------

  @Test
  void answeredCallNamesTheAnsweringExtension() {
    qt().withExamples(500)
        .forAll(answered())
        .checkAssert(
            scenario -> {
              Call call = scenario.fold();

              assertThat(call.state()).isEqualTo(CallState.ENDED);
              // Swept to unknown when its end never came (the rule), answered or not.
              assertThat(call.outcome())
                  .contains(
                      scenario.delivery() == CallScenarios.Delivery.END_LOST_THEN_SWEPT
                          ? Outcome.UNKNOWN
                          : Outcome.ANSWERED);
              assertThat(call.answeredBy()).isEqualTo(scenario.answeringExtension());
              assertThat(call.direction()).isEqualTo(scenario.direction());
              assertThat(call.answeredAt()).isPresent();
              if (scenario.direction() == CallDirection.INBOUND) {
                assertThat(call.attempts())
                    .contains(
                        new Attempt(
                            scenario.answeringExtension().get(),
                            Attempt.Result.ANSWERED,
                            attemptAt(call, scenario.answeringExtension().get())));
              }
            });
  }

  @Test
  void missedCallIsMissed() {
    qt().withExamples(500)
        .withGenerateAttempts(ATTEMPTS)
        .forAll(missed())
        .checkAssert(
            scenario -> {
              Call call = scenario.fold();

              assertThat(call.state()).isEqualTo(CallState.ENDED);
              assertThat(call.outcome()).contains(Outcome.MISSED);
              assertThat(call.direction()).isEqualTo(CallDirection.INBOUND);
              assertThat(call.answeredBy()).isEmpty();
              assertThat(call.answeredAt()).isEmpty();
              assertThat(call.holdtime()).isPresent();
              assertThat(call.attempts())
                  .extracting(Attempt::result)
                  .containsOnly(Attempt.Result.NO_ANSWER);
              assertThat(call.attempts())
                  .extracting(Attempt::extension)
                  .containsExactlyInAnyOrderElementsOf(scenario.rung());
            });
  }

  @Test
  void noAnswerThenAnsweredListsBothAttemptsInOrder() {
    qt().withExamples(500)
        .forAll(CallScenarios.noAnswerThenAnswered())
        .checkAssert(
            scenario -> {
              Call call = scenario.fold();

              assertThat(call.attempts())
                  .extracting(attempt -> attempt.extension() + ": " + attempt.result().code())
                  .containsExactly(
                      scenario.rung().get(0) + ": no_answer",
                      scenario.rung().get(1) + ": answered");
              assertThat(call.answeredBy()).contains(scenario.rung().get(1));
            });
  }

  @Test
  void outboundCallIsOutbound() {
    qt().withExamples(500)
        .forAll(outbound())
        .checkAssert(
            scenario -> {
              Call call = scenario.fold();

              assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
              assertThat(call.answeredBy()).isEqualTo(scenario.answeringExtension());
              assertThat(call.state()).isEqualTo(CallState.ENDED);
              Outcome expected;
              if (scenario.delivery() == CallScenarios.Delivery.END_LOST_THEN_SWEPT) {
                expected = Outcome.UNKNOWN; // its end was lost: swept
              } else if (scenario.kind() == Kind.OUTBOUND_ANSWERED) {
                expected = Outcome.ANSWERED;
              } else if (scenario.has(CallRecord.class)) {
                CallRecord record =
                    (CallRecord) scenario.eventsOf(CallRecord.class).get(0).webhook().get();
                expected =
                    record.status().get().equals(CallStatus.BUSY)
                        ? Outcome.BUSY
                        : Outcome.NO_ANSWER;
              } else {
                expected = Outcome.UNKNOWN; // its end was lost: swept
              }
              assertThat(call.outcome()).contains(expected);
            });
  }

  @Test
  void callWithOnlyRingingEventsIsRingingWithNoOutcome() {
    qt().withExamples(500)
        .forAll(CallScenarios.ringingOnly())
        .checkAssert(
            scenario -> {
              Call call = scenario.fold();

              assertThat(call.state()).isEqualTo(CallState.RINGING);
              assertThat(call.outcome()).isEmpty();
              assertThat(call.answeredAt()).isEmpty();
              assertThat(call.endedAt()).isEmpty();
              assertThat(call.direction()).isEqualTo(scenario.direction());
              assertThat(call.ringingAt()).contains(call.firstSeenAt());
              if (scenario.direction() == CallDirection.INBOUND) {
                assertThat(call.answeredBy()).isEmpty();
                assertThat(call.attempts())
                    .extracting(Attempt::result)
                    .containsOnly(Attempt.Result.RINGING);
                assertThat(call.attempts())
                    .extracting(Attempt::extension)
                    .containsExactlyInAnyOrderElementsOf(scenario.rung());
              }
            });
  }

  /**
   * Whatever webhooks were lost, the call has ended exactly when the hub holds a hangup, a final
   * calldata, a missed call or a sweep; until then it is talking once someone picked up.
   */
  @Test
  void callHasEndedExactlyWhenAnEndIsKnown() {
    qt().withExamples(1000)
        .forAll(lossyScenarios())
        .checkAssert(
            scenario -> {
              boolean endKnown = scenario.events().stream().anyMatch(CallScenarios::endsTheCall);
              boolean answerKnown =
                  scenario.events().stream().anyMatch(CallScenarios::reportsAnAnswer);

              Call call = scenario.fold();

              assertThat(call.state() == CallState.ENDED).isEqualTo(endKnown);
              assertThat(call.endedAt().isPresent()).isEqualTo(endKnown);
              if (!endKnown) {
                assertThat(call.state())
                    .isEqualTo(answerKnown ? CallState.TALKING : CallState.RINGING);
              }
            });
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private static Call fold(Scenario scenario, List<LoggedEvent> events) {
    return CallFold.fold(scenario.tenantId(), scenario.callId(), events);
  }

  /** Events numbered in the order they reached the log: the log's seq. */
  private static List<LoggedEvent> numbered(List<LoggedEvent> order) {
    List<LoggedEvent> numbered = new ArrayList<>();
    for (LoggedEvent event : order) {
      numbered.add(
          new LoggedEvent(
              numbered.size() + 1,
              event.tenantId(),
              event.receivedAt(),
              event.source(),
              event.type(),
              event.callId(),
              event.webhook()));
    }
    return numbered;
  }

  private static LoggedEvent at(LoggedEvent event, Instant receivedAt) {
    return new LoggedEvent(
        event.seq(),
        event.tenantId(),
        receivedAt,
        event.source(),
        event.type(),
        event.callId(),
        event.webhook());
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static Instant attemptAt(Call call, String extension) {
    return call.attempts().stream()
        .filter(attempt -> attempt.extension().equals(extension))
        .map(Attempt::at)
        .findFirst()
        .orElse(Instant.EPOCH);
  }

  /** {@code call} as first seen and ended at other times. */
  private static Call withTimes(Call call, Instant firstSeenAt, Optional<Instant> endedAt) {
    return new Call(
        call.tenantId(),
        call.callId(),
        call.direction(),
        call.customer(),
        call.did(),
        call.queue(),
        call.state(),
        call.outcome(),
        call.answeredBy(),
        call.attempts(),
        firstSeenAt,
        call.ringingAt(),
        call.answeredAt(),
        endedAt,
        call.calldate(),
        call.duration(),
        call.billsec(),
        call.holdtime(),
        call.recordingUrl());
  }
}
