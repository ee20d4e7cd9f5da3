package dev.switchboard.protocol.api;

import dev.switchboard.protocol.webhook.AgentState;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of valid API values and of hostile wire text, shared by the property tests. */
final class WireArbitraries {
  /** Characters a URL path or a JSON string treats specially. */
  private static final String AWKWARD = " -._~/?#%+&=:@!$'()*,;\"\\{}[]<>|^`";

  private WireArbitraries() {}

  /** Printable text: letters, digits, awkward ASCII, accented and astral characters. */
  static Arbitrary<String> printable(int minLength, int maxLength) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.chars().alpha().numeric().map(c -> (int) c)),
            Tuple.of(3, Arbitraries.of(AWKWARD.chars().boxed().toList())),
            Tuple.of(1, Arbitraries.integers().between(0xA0, 0xD7FF)),
            Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
    return codePoint
        .list()
        .ofMinSize(minLength)
        .ofMaxSize(maxLength)
        .map(codePoints -> cut(text(codePoints), maxLength));
  }

  /** Valid identifiers (extensions, phones), as a caller might pass them (untrimmed). */
  static Arbitrary<String> identifiers(int maxLength) {
    return printable(1, maxLength)
        .filter(text -> !text.isBlank())
        .filter(text -> !text.trim().equals(".") && !text.trim().equals(".."));
  }

  static Arbitrary<String> extensions() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(6), identifiers(64));
  }

  static Arbitrary<String> callIds() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
            .as((high, low) -> new java.util.UUID(high, low).toString()),
        identifiers(128));
  }

  static Arbitrary<PbxKey> keys() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'f').numeric().ofLength(32), identifiers(256))
        .map(PbxKey::new);
  }

  /** Keys no toString could contain by chance. */
  static Arbitrary<PbxKey> distinctiveKeys() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .numeric()
        .ofMinLength(24)
        .ofMaxLength(64)
        .map(text -> new PbxKey("K3Y" + text));
  }

  static Arbitrary<LocalDate> dates() {
    return Arbitraries.longs()
        .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  static Arbitrary<AgentState> agentStates() {
    return Arbitraries.of("off", "on", "pause", "ring", "talk", "dnd", "Unavailable")
        .map(AgentState::of);
  }

  static Arbitrary<ClickToCall> clickToCalls(Arbitrary<PbxKey> keys) {
    return Combinators.combine(
            Arbitraries.of(ClickToCall.Mode.class),
            extensions(),
            Arbitraries.oneOf(Arbitraries.of("0938363739", "+84938363739"), identifiers(64)),
            keys.filter(key -> !key.value().equals(".") && !key.value().equals("..")),
            Arbitraries.oneOf(Arbitraries.of("abc.com"), identifiers(255)))
        .as(ClickToCall::new);
  }

  static Arbitrary<ExtensionStatusRequest> extensionStatusRequests(Arbitrary<PbxKey> keys) {
    return Combinators.combine(keys, extensions().list().ofMinSize(1).ofMaxSize(20))
        .as(ExtensionStatusRequest::new);
  }

  static Arbitrary<SpyRequest> spyRequests(Arbitrary<PbxKey> keys) {
    return Combinators.combine(keys, extensions(), extensions(), Arbitraries.of(SpyMode.class))
        .as(SpyRequest::new);
  }

  static Arbitrary<QueueStatusUpdate> queueStatusUpdates(Arbitrary<PbxKey> keys) {
    return Combinators.combine(keys, extensions(), Arbitraries.of(true, false))
        .as(QueueStatusUpdate::new);
  }

  static Arbitrary<CdrQuery> cdrQueries(Arbitrary<PbxKey> keys) {
    return Combinators.combine(keys, callIds().optional(), dates(), dates())
        .as(
            (key, callId, one, other) ->
                new CdrQuery(
                    key,
                    callId,
                    one.isBefore(other) ? one : other,
                    one.isBefore(other) ? other : one));
  }

  static Arbitrary<PbxRequest> requests(Arbitrary<PbxKey> keys) {
    return Arbitraries.oneOf(
        clickToCalls(keys),
        extensionStatusRequests(keys),
        spyRequests(keys),
        keys.map(QueueMembersRequest::new),
        queueStatusUpdates(keys),
        cdrQueries(keys));
  }

  static Arbitrary<ExtensionStatusReply> extensionStatusReplies() {
    return Combinators.combine(extensions(), agentStates())
        .as(ExtensionStatus::new)
        .list()
        .ofMaxSize(10)
        .map(ExtensionStatusReply::new);
  }

  static Arbitrary<QueueMembersReply> queueMembersReplies() {
    Arbitrary<QueueMember> members =
        Combinators.combine(
                extensions(),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                agentStates())
            .as(QueueMember::new);
    Arbitrary<QueueMembers> queues =
        Combinators.combine(extensions(), printable(0, 128), members.list().ofMaxSize(5))
            .as(QueueMembers::new);
    return queues.list().ofMaxSize(5).map(QueueMembersReply::new);
  }

  static Arbitrary<CdrEntry> cdrEntries() {
    Arbitrary<Optional<String>> text = printable(1, 64).filter(t -> !t.isBlank()).optional();
    Arbitrary<Optional<Long>> seconds = Arbitraries.longs().between(0, Long.MAX_VALUE).optional();
    Arbitrary<Optional<Direction>> directions =
        Arbitraries.of("Inbound", "Outbound", "inbound", "Internal").map(Direction::of).optional();
    Arbitrary<Optional<CallStatus>> statuses =
        Arbitraries.of("ANSWER", "ANSWERED", "BUSY", "NOANSWER", "FAILED", "Hold")
            .map(CallStatus::of)
            .optional();
    Arbitrary<Optional<String>> recordings =
        Arbitraries.oneOf(
                Arbitraries.just("https://portal.voicecloud.vn/play_audio/data/x"),
                printable(1, 300).filter(t -> !t.isBlank()))
            .optional();
    return Combinators.combine(
            callIds(),
            text,
            extensions().optional(),
            extensions().optional(),
            directions,
            seconds,
            seconds,
            statuses)
        .flatAs(
            (callId, calldate, callerId, destination, direction, duration, billsec, status) ->
                recordings.map(
                    recording ->
                        new CdrEntry(
                            callId,
                            calldate,
                            callerId,
                            destination,
                            direction,
                            duration,
                            billsec,
                            status,
                            recording)));
  }

  static Arbitrary<CdrReply> cdrReplies() {
    return cdrEntries().list().ofMaxSize(8).map(CdrReply::new);
  }

  /** Member names of every body in this package, so random JSON hits the readers' branches. */
  static final List<String> MEMBER_NAMES =
      List.of(
          "key",
          "KEY",
          "list",
          "ext",
          "src",
          "dst",
          "mode",
          "exten",
          "status",
          "callid",
          "startdate",
          "enddate",
          "result",
          "message",
          "queue",
          "name",
          "members",
          "paused",
          "penalty",
          "calldate",
          "callerid",
          "destination",
          "direction",
          "duration",
          "billsec",
          "recordingpath");

  /** Any JSON value up to {@code depth} levels deep, with this package's member names. */
  static Arbitrary<String> json(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(
                "null",
                "true",
                "false",
                "0",
                "1",
                "-1",
                "2.5",
                "1e400",
                "99999999999999999999",
                "\"0\"",
                "\"1\"",
                "\"\"",
                "\" \"",
                "\"100\"",
                "\"whisper\"",
                "\"ON\"",
                "\"2022-09-23\"",
                "\"2022-02-30\"",
                "\"-5\"",
                "\"Success\"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\".\""),
            Arbitraries.longs().map(String::valueOf),
            printable(0, 40).map(WireArbitraries::quoted));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> array =
        inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> object =
        Combinators.combine(Arbitraries.of(MEMBER_NAMES), inner)
            .as((name, value) -> quoted(name) + ":" + value)
            .list()
            .ofMaxSize(6)
            .map(members -> "{" + String.join(",", members) + "}");
    return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(2, array), Tuple.of(5, object));
  }

  /** Click-to-call-like paths built from meaningful and broken segments. */
  static Arbitrary<String> paths() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "api",
                "CallControl",
                "dial",
                "dial_async",
                "from_number",
                "to_number",
                "key",
                "domain",
                "100",
                "093xxxxxxx",
                "abc.com",
                "",
                ".",
                "..",
                "%",
                "%zz",
                "%C3%A9",
                "%FF",
                "%C3",
                "%2F",
                "+",
                "?q=1",
                "#f",
                "%00"),
            printable(0, 20));
    return segment.list().ofMaxSize(14).map(segments -> "/" + String.join("/", segments));
  }

  private static String text(List<Integer> codePoints) {
    StringBuilder out = new StringBuilder();
    codePoints.forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The first {@code maxLength} characters, without cutting a surrogate pair in two. */
  private static String cut(String text, int maxLength) {
    if (text.length() <= maxLength) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    return text.substring(0, end);
  }

  private static String quoted(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
  }
}
