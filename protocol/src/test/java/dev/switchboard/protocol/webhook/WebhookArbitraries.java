package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid webhook events of every type, as a PBX of either edition could send them. */
final class WebhookArbitraries {
  private WebhookArbitraries() {}

  static Arbitrary<WebhookEvent> events() {
    return Arbitraries.oneOf(
        incomingCalls(),
        hangups(),
        callRecords(),
        missedCalls(),
        agentAnswers(),
        agentNoAnswers(),
        outboundCalls(),
        agentStatuses());
  }

  static Arbitrary<CallId> callIds() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789abcdef-").ofLength(36),
            Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(CallId.MAX_LENGTH))
        .map(CallId::of);
  }

  static Arbitrary<PhoneNumber> phones() {
    Arbitrary<String> nineDigits = Arbitraries.strings().numeric().ofLength(9);
    return Arbitraries.oneOf(
            nineDigits.map(d -> "0" + d),
            nineDigits.map(d -> "84" + d),
            nineDigits.map(d -> "+84" + d),
            Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(5),
            Arbitraries.of("anonymous", "093xxxxxxx", "+33 1 23 45 67 89"))
        .map(PhoneNumber::parse);
  }

  static Arbitrary<String> extensions() {
    return Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(6);
  }

  static Arbitrary<Optional<String>> optionalIds() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).optional();
  }

  static Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("2099-12-31T00:00:00Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  static Arbitrary<Duration> durations() {
    return Arbitraries.longs().between(0, WireFields.MAX_SECONDS).map(Duration::ofSeconds);
  }

  static Arbitrary<String> codes(String... known) {
    return Arbitraries.oneOf(
        Arbitraries.of(known), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
  }

  /** Extra fields with names no edition documents, and values of any text. */
  static Arbitrary<Map<String, String>> extras() {
    return Arbitraries.maps(
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(8)
                .map(n -> "x_" + n),
            Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(40))
        .ofMaxSize(3);
  }

  static Arbitrary<IncomingCall> incomingCalls() {
    return Combinators.combine(
            callIds(),
            phones(),
            extensions().optional(),
            optionalIds(),
            codes("RINGING", "RING", "ANSWER", "ANSWERED").map(CallProgress::of).optional(),
            optionalIds(),
            extras())
        .as(IncomingCall::new);
  }

  static Arbitrary<Hangup> hangups() {
    return Combinators.combine(callIds(), extras()).as(Hangup::new);
  }

  static Arbitrary<CallRecord> callRecords() {
    Arbitrary<Optional<CallStatus>> statuses =
        codes("ANSWER", "ANSWERED", "BUSY", "NOANSWER", "FAILED", "CONGESTION", "CANCEL")
            .map(CallStatus::of)
            .filter(status -> !status.equals(CallStatus.ABANDON))
            .optional();
    var times =
        Combinators.combine(instants().optional(), durations().optional(), durations().optional())
            .as((calldate, duration, billsec) -> new Object[] {calldate, duration, billsec})
            .filter(t -> ((Optional<?>) t[0]).isPresent() || ((Optional<?>) t[1]).isPresent());
    var rest =
        Combinators.combine(
                statuses,
                optionalIds(),
                extensions().optional(),
                phones().optional(),
                codes("Inbound", "Outbound", "inbound").map(Direction::of).optional(),
                Arbitraries.of("https://portal.voicecloud.vn/play_audio/data/x", "http://h/a?b=c d")
                    .optional())
            .as(
                (status, did, extension, phone, direction, url) ->
                    new Object[] {status, did, extension, phone, direction, url});
    return Combinators.combine(callIds(), times, rest, extras()).as(WebhookArbitraries::callRecord);
  }

  @SuppressWarnings("unchecked")
  private static CallRecord callRecord(
      CallId id, Object[] t, Object[] r, Map<String, String> extra) {
    return new CallRecord(
        id,
        (Optional<Instant>) t[0],
        (Optional<Duration>) t[1],
        (Optional<Duration>) t[2],
        (Optional<CallStatus>) r[0],
        (Optional<String>) r[1],
        (Optional<String>) r[2],
        (Optional<PhoneNumber>) r[3],
        (Optional<Direction>) r[4],
        (Optional<String>) r[5],
        extra);
  }

  static Arbitrary<MissedCall> missedCalls() {
    return Combinators.combine(
            callIds(),
            instants().optional(),
            durations().optional(),
            optionalIds(),
            phones().optional(),
            extras())
        .as(MissedCall::new);
  }

  static Arbitrary<AgentAnswered> agentAnswers() {
    return Combinators.combine(
            callIds(), extensions(), optionalIds(), phones().optional(), extras())
        .as(AgentAnswered::new);
  }

  static Arbitrary<AgentNoAnswer> agentNoAnswers() {
    return Combinators.combine(
            callIds(), extensions(), optionalIds(), phones().optional(), extras())
        .as(AgentNoAnswer::new);
  }

  static Arbitrary<OutboundCall> outboundCalls() {
    return Combinators.combine(
            callIds(),
            extensions(),
            phones(),
            codes("RINGING", "ANSWER", "ANSWERED").map(CallProgress::of).optional(),
            extras())
        .as(OutboundCall::new);
  }

  static Arbitrary<AgentStatusChange> agentStatuses() {
    return Combinators.combine(
            extensions(),
            codes("off", "on", "pause", "ring", "talk", "TALK").map(AgentState::of),
            extras())
        .as(AgentStatusChange::new);
  }
}
