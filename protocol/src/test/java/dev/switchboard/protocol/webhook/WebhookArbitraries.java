package dev.switchboard.protocol.webhook;

import static dev.switchboard.protocol.testing.Generators.DIGITS;
import static dev.switchboard.protocol.testing.Generators.LETTERS;
import static dev.switchboard.protocol.testing.Generators.charsBetween;
import static dev.switchboard.protocol.testing.Generators.charsOf;
import static dev.switchboard.protocol.testing.Generators.maps;
import static dev.switchboard.protocol.testing.Generators.oneOf;
import static dev.switchboard.protocol.testing.Generators.strings;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.quicktheories.core.Gen;

/** Generators of valid webhook events of every type, as a PBX of either edition could send them. */
final class WebhookArbitraries {
  /** How often, in a hundred, an optional field is left out. */
  private static final int ABSENT = 10;

  private WebhookArbitraries() {}

  static Gen<WebhookEvent> events() {
    return oneOf(
        incomingCalls(),
        hangups(),
        callRecords(),
        missedCalls(),
        agentAnswers(),
        agentNoAnswers(),
        outboundCalls(),
        agentStatuses());
  }

  static Gen<CallId> callIds() {
    return oneOf(
            strings(charsOf("0123456789abcdef-"), 36),
            strings(charsBetween('!', '~'), 1, CallId.MAX_LENGTH))
        .map(CallId::of);
  }

  static Gen<PhoneNumber> phones() {
    Gen<String> nineDigits = strings(charsOf(DIGITS), 9);
    return oneOf(
            nineDigits.map(d -> "0" + d),
            nineDigits.map(d -> "84" + d),
            nineDigits.map(d -> "+84" + d),
            strings(charsOf(DIGITS), 2, 5),
            arbitrary().pick("anonymous", "093xxxxxxx", "+33 1 23 45 67 89"))
        .map(text -> PhoneNumber.parse(text));
  }

  static Gen<String> extensions() {
    return strings(charsOf(DIGITS), 2, 6);
  }

  static Gen<Optional<String>> optionalIds() {
    return strings(charsOf(DIGITS), 1, 11).toOptionals(ABSENT);
  }

  static Gen<Instant> instants() {
    return longs()
        .between(
            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("2099-12-31T00:00:00Z").getEpochSecond())
        .map(seconds -> Instant.ofEpochSecond(seconds));
  }

  static Gen<Duration> durations() {
    return longs().between(0, WireFields.MAX_SECONDS).map(seconds -> Duration.ofSeconds(seconds));
  }

  static Gen<String> codes(String... known) {
    return oneOf(arbitrary().pick(known), strings(charsOf(LETTERS), 1, 12));
  }

  /** Extra fields with names no edition documents, and values of any text. */
  static Gen<Map<String, String>> extras() {
    return maps(
        strings(charsBetween('a', 'z'), 1, 8).map(n -> "x_" + n),
        strings(charsBetween(' ', '\uD7FF'), 0, 40),
        3);
  }

  static Gen<IncomingCall> incomingCalls() {
    Gen<CallId> ids = callIds();
    Gen<PhoneNumber> phones = phones();
    Gen<Optional<String>> extensions = extensions().toOptionals(ABSENT);
    Gen<Optional<String>> queues = optionalIds();
    Gen<Optional<CallProgress>> progress =
        codes("RINGING", "RING", "ANSWER", "ANSWERED").map(CallProgress::of).toOptionals(ABSENT);
    Gen<Optional<String>> dids = optionalIds();
    Gen<Map<String, String>> extras = extras();
    return in ->
        new IncomingCall(
            ids.generate(in),
            phones.generate(in),
            extensions.generate(in),
            queues.generate(in),
            progress.generate(in),
            dids.generate(in),
            extras.generate(in));
  }

  static Gen<Hangup> hangups() {
    return callIds().zip(extras(), Hangup::new);
  }

  /** A final record's times: the PBX always sends its date or its duration. */
  private record Times(
      Optional<Instant> calldate, Optional<Duration> duration, Optional<Duration> billsec) {}

  static Gen<CallRecord> callRecords() {
    Gen<CallId> ids = callIds();
    Gen<Times> times =
        instants()
            .toOptionals(ABSENT)
            .zip(durations().toOptionals(ABSENT), durations().toOptionals(ABSENT), Times::new)
            .assuming(t -> t.calldate().isPresent() || t.duration().isPresent());
    Gen<Optional<CallStatus>> statuses =
        codes("ANSWER", "ANSWERED", "BUSY", "NOANSWER", "FAILED", "CONGESTION", "CANCEL")
            .map(CallStatus::of)
            .assuming(status -> !status.equals(CallStatus.ABANDON))
            .toOptionals(ABSENT);
    Gen<Optional<String>> dids = optionalIds();
    Gen<Optional<String>> extensions = extensions().toOptionals(ABSENT);
    Gen<Optional<PhoneNumber>> phones = phones().toOptionals(ABSENT);
    Gen<Optional<Direction>> directions =
        codes("Inbound", "Outbound", "inbound").map(Direction::of).toOptionals(ABSENT);
    Gen<Optional<String>> recordings =
        arbitrary()
            .pick("https://portal.voicecloud.vn/play_audio/data/x", "http://h/a?b=c d")
            .toOptionals(ABSENT);
    Gen<Map<String, String>> extras = extras();
    return in -> {
      CallId id = ids.generate(in);
      Times t = times.generate(in);
      return new CallRecord(
          id,
          t.calldate(),
          t.duration(),
          t.billsec(),
          statuses.generate(in),
          dids.generate(in),
          extensions.generate(in),
          phones.generate(in),
          directions.generate(in),
          recordings.generate(in),
          extras.generate(in));
    };
  }

  static Gen<MissedCall> missedCalls() {
    Gen<CallId> ids = callIds();
    Gen<Optional<Instant>> calldates = instants().toOptionals(ABSENT);
    Gen<Optional<Duration>> holdtimes = durations().toOptionals(ABSENT);
    Gen<Optional<String>> queues = optionalIds();
    Gen<Optional<PhoneNumber>> phones = phones().toOptionals(ABSENT);
    Gen<Map<String, String>> extras = extras();
    return in ->
        new MissedCall(
            ids.generate(in),
            calldates.generate(in),
            holdtimes.generate(in),
            queues.generate(in),
            phones.generate(in),
            extras.generate(in));
  }

  static Gen<AgentAnswered> agentAnswers() {
    return callIds()
        .zip(
            extensions(),
            optionalIds(),
            phones().toOptionals(ABSENT),
            extras(),
            AgentAnswered::new);
  }

  static Gen<AgentNoAnswer> agentNoAnswers() {
    return callIds()
        .zip(
            extensions(),
            optionalIds(),
            phones().toOptionals(ABSENT),
            extras(),
            AgentNoAnswer::new);
  }

  static Gen<OutboundCall> outboundCalls() {
    return callIds()
        .zip(
            extensions(),
            phones(),
            codes("RINGING", "ANSWER", "ANSWERED").map(CallProgress::of).toOptionals(ABSENT),
            extras(),
            OutboundCall::new);
  }

  static Gen<AgentStatusChange> agentStatuses() {
    return extensions()
        .zip(
            codes("off", "on", "pause", "ring", "talk", "TALK").map(AgentState::of),
            extras(),
            AgentStatusChange::new);
  }
}
