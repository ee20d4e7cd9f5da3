package dev.switchboard.protocol.api;

import static dev.switchboard.protocol.testing.Generators.DIGITS;
import static dev.switchboard.protocol.testing.Generators.LETTERS;
import static dev.switchboard.protocol.testing.Generators.charsOf;
import static dev.switchboard.protocol.testing.Generators.oneOf;
import static dev.switchboard.protocol.testing.Generators.strings;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.switchboard.protocol.webhook.AgentState;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of valid API values and of hostile wire text, shared by the property tests. */
final class WireArbitraries {
  /** Characters a URL path or a JSON string treats specially. */
  private static final String AWKWARD = " -._~/?#%+&=:@!$'()*,;\"\\{}[]<>|^`";

  /** How often, in a hundred, an optional value is left out. */
  private static final int ABSENT = 10;

  private WireArbitraries() {}

  /** Printable text: letters, digits, awkward ASCII, accented and astral characters. */
  static Gen<String> printable(int minLength, int maxLength) {
    Gen<Integer> codePoint =
        Generate.frequency(
            Pair.of(6, charsOf(LETTERS + DIGITS).map(c -> (int) c)),
            Pair.of(3, charsOf(AWKWARD).map(c -> (int) c)),
            Pair.of(1, integers().between(0xA0, 0xD7FF)),
            Pair.of(1, integers().between(0x10000, 0x10FFFF)));
    return lists()
        .of(codePoint)
        .ofSizeBetween(minLength, maxLength)
        .map(codePoints -> cut(text(codePoints), maxLength));
  }

  /** Valid identifiers (extensions, phones), as a caller might pass them (untrimmed). */
  static Gen<String> identifiers(int maxLength) {
    return printable(1, maxLength)
        .assuming(text -> !text.isBlank())
        .assuming(text -> !text.trim().equals(".") && !text.trim().equals(".."));
  }

  static Gen<String> extensions() {
    return oneOf(strings(charsOf(DIGITS), 2, 6), identifiers(64));
  }

  static Gen<String> callIds() {
    return oneOf(
        longs().all().zip(longs().all(), (high, low) -> new UUID(high, low).toString()),
        identifiers(128));
  }

  static Gen<PbxKey> keys() {
    return oneOf(strings(charsOf("abcdef" + DIGITS), 32), identifiers(256)).map(PbxKey::new);
  }

  /** Keys no toString could contain by chance. */
  static Gen<PbxKey> distinctiveKeys() {
    return strings(charsOf("abcdefghijklmnopqrstuvwxyz" + DIGITS), 24, 64)
        .map(text -> new PbxKey("K3Y" + text));
  }

  static Gen<LocalDate> dates() {
    return longs()
        .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  static Gen<AgentState> agentStates() {
    return arbitrary()
        .pick("off", "on", "pause", "ring", "talk", "dnd", "Unavailable")
        .map(AgentState::of);
  }

  static Gen<ClickToCall> clickToCalls(Gen<PbxKey> keys) {
    Gen<ClickToCall.Mode> modes = arbitrary().enumValues(ClickToCall.Mode.class);
    Gen<String> extensions = extensions();
    Gen<String> numbers = oneOf(arbitrary().pick("0938363739", "+84938363739"), identifiers(64));
    Gen<PbxKey> pathSafeKeys =
        keys.assuming(key -> !key.value().equals(".") && !key.value().equals(".."));
    Gen<String> domains = oneOf(arbitrary().pick("abc.com"), identifiers(255));
    return in ->
        new ClickToCall(
            modes.generate(in),
            extensions.generate(in),
            numbers.generate(in),
            pathSafeKeys.generate(in),
            domains.generate(in));
  }

  static Gen<ExtensionStatusRequest> extensionStatusRequests(Gen<PbxKey> keys) {
    return keys.zip(lists().of(extensions()).ofSizeBetween(1, 20), ExtensionStatusRequest::new);
  }

  static Gen<SpyRequest> spyRequests(Gen<PbxKey> keys) {
    return keys.zip(
        extensions(), extensions(), arbitrary().enumValues(SpyMode.class), SpyRequest::new);
  }

  static Gen<QueueStatusUpdate> queueStatusUpdates(Gen<PbxKey> keys) {
    return keys.zip(extensions(), booleans().all(), QueueStatusUpdate::new);
  }

  static Gen<CdrQuery> cdrQueries(Gen<PbxKey> keys) {
    return keys.zip(
        callIds().toOptionals(ABSENT),
        dates(),
        dates(),
        (key, callId, one, other) ->
            new CdrQuery(
                key, callId, one.isBefore(other) ? one : other, one.isBefore(other) ? other : one));
  }

  static Gen<PbxRequest> requests(Gen<PbxKey> keys) {
    return oneOf(
        clickToCalls(keys),
        extensionStatusRequests(keys),
        spyRequests(keys),
        keys.map(QueueMembersRequest::new),
        queueStatusUpdates(keys),
        cdrQueries(keys));
  }

  static Gen<ExtensionStatusReply> extensionStatusReplies() {
    return lists()
        .of(extensions().zip(agentStates(), ExtensionStatus::new))
        .ofSizeBetween(0, 10)
        .map(ExtensionStatusReply::new);
  }

  static Gen<QueueMembersReply> queueMembersReplies() {
    Gen<QueueMember> members =
        extensions()
            .zip(
                booleans().all(),
                integers().between(0, Integer.MAX_VALUE),
                agentStates(),
                QueueMember::new);
    Gen<QueueMembers> queues =
        extensions()
            .zip(printable(0, 128), lists().of(members).ofSizeBetween(0, 5), QueueMembers::new);
    return lists().of(queues).ofSizeBetween(0, 5).map(QueueMembersReply::new);
  }

  static Gen<CdrEntry> cdrEntries() {
    Gen<String> callIds = callIds();
    Gen<Optional<String>> text = printable(1, 64).assuming(t -> !t.isBlank()).toOptionals(ABSENT);
    Gen<Optional<String>> callerIds = extensions().toOptionals(ABSENT);
    Gen<Optional<String>> destinations = extensions().toOptionals(ABSENT);
    Gen<Optional<Long>> seconds = longs().between(0, Long.MAX_VALUE).toOptionals(ABSENT);
    Gen<Optional<Direction>> directions =
        arbitrary()
            .pick("Inbound", "Outbound", "inbound", "Internal")
            .map(Direction::of)
            .toOptionals(ABSENT);
    Gen<Optional<CallStatus>> statuses =
        arbitrary()
            .pick("ANSWER", "ANSWERED", "BUSY", "NOANSWER", "FAILED", "Hold")
            .map(CallStatus::of)
            .toOptionals(ABSENT);
    Gen<Optional<String>> recordings =
        oneOf(
                Generate.constant("https://portal.voicecloud.vn/play_audio/data/x"),
                printable(1, 300).assuming(t -> !t.isBlank()))
            .toOptionals(ABSENT);
    return in ->
        new CdrEntry(
            callIds.generate(in),
            text.generate(in),
            callerIds.generate(in),
            destinations.generate(in),
            directions.generate(in),
            seconds.generate(in),
            seconds.generate(in),
            statuses.generate(in),
            recordings.generate(in));
  }

  static Gen<CdrReply> cdrReplies() {
    return lists().of(cdrEntries()).ofSizeBetween(0, 8).map(entries -> new CdrReply(entries));
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
  static Gen<String> json(int depth) {
    Gen<String> leaf =
        oneOf(
            arbitrary()
                .pick(
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
            longs().all().map(number -> Long.toString(number)),
            printable(0, 40).map(WireArbitraries::quoted));
    if (depth == 0) {
      return leaf;
    }
    Gen<String> inner = json(depth - 1);
    Gen<String> array =
        lists().of(inner).ofSizeBetween(0, 4).map(items -> "[" + String.join(",", items) + "]");
    Gen<String> object =
        lists()
            .of(
                arbitrary()
                    .pick(MEMBER_NAMES)
                    .zip(inner, (name, value) -> quoted(name) + ":" + value))
            .ofSizeBetween(0, 6)
            .map(members -> "{" + String.join(",", members) + "}");
    return Generate.frequency(Pair.of(2, leaf), Pair.of(2, array), Pair.of(5, object));
  }

  /** Click-to-call-like paths built from meaningful and broken segments. */
  static Gen<String> paths() {
    Gen<String> segment =
        oneOf(
            arbitrary()
                .pick(
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
    return lists()
        .of(segment)
        .ofSizeBetween(0, 14)
        .map(segments -> "/" + String.join("/", segments));
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
