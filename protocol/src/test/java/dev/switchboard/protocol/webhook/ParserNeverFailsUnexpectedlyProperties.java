package dev.switchboard.protocol.webhook;

import static dev.switchboard.protocol.testing.Generators.anyChar;
import static dev.switchboard.protocol.testing.Generators.charsBetween;
import static dev.switchboard.protocol.testing.Generators.maps;
import static dev.switchboard.protocol.testing.Generators.oneOf;
import static dev.switchboard.protocol.testing.Generators.strings;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;

import dev.switchboard.protocol.ProtocolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** On any input, parsing either succeeds or throws {@link ProtocolException}: nothing else. */
class ParserNeverFailsUnexpectedlyProperties {
  private final WebhookParser parser = new WebhookParser();

  private static final List<String> NAMES =
      List.of(
          "callid",
          "CallID",
          "phone",
          "extension",
          "queue",
          "did",
          "event",
          "status",
          "calldate",
          "duration",
          "billsec",
          "holdtime",
          "direction",
          "recordingfile",
          "x");

  /** Any text: up to 255 characters of any kind. */
  private static Gen<String> anyText() {
    return strings(anyChar(), 0, 255);
  }

  /** Values near the edge: numbers, signs, dates, escapes, long text, empty. */
  private static Gen<String> values() {
    return oneOf(
        strings(anyChar(), 0, 20),
        strings(charsBetween(' ', '~'), 0, 30),
        arbitrary()
            .pick(
                "",
                " ",
                "-1",
                "1.5",
                "99999999999999999999",
                "1e3",
                "0x10",
                "2024-02-30 10:00:00",
                "2024-03-01 13:15:40",
                "2020-10-10-10:10:10",
                "ABANDON",
                "ANSWER",
                "NOANSWER",
                "RING",
                "%",
                "%zz",
                "%E0%A4",
                "+84938363739",
                "0938363739",
                "null",
                "{}",
                "[]"),
        strings(anyChar(), 5000));
  }

  private static Gen<Map<String, String>> fieldSoups() {
    return maps(arbitrary().pick(NAMES), values(), 8);
  }

  @Test
  void fieldSoupOnEveryPathParsesOrThrowsProtocolException() {
    qt().withExamples(3000)
        .forAll(fieldSoups(), arbitrary().enumValues(WebhookPath.class))
        .checkAssert(
            (fields, path) -> {
              assertOnlyProtocolException(() -> parser.parse(path, RawFields.of(fields)));
              assertOnlyProtocolException(
                  () -> parser.parseQuery(path, RawFields.of(fields).toQuery()));
            });
  }

  @Test
  void arbitraryQueryStringsParseOrThrowProtocolException() {
    qt().withExamples(2000)
        .forAll(anyText(), arbitrary().enumValues(WebhookPath.class))
        .checkAssert(
            (query, path) -> {
              assertOnlyProtocolException(() -> parser.parseQuery(path, query));
              assertOnlyProtocolException(() -> parser.parseUrl(path.path() + "?" + query));
            });
  }

  @Test
  void arbitraryTextAsUrlOrJsonParsesOrThrowsProtocolException() {
    qt().withExamples(2000)
        .forAll(anyText())
        .checkAssert(
            text -> {
              assertOnlyProtocolException(() -> parser.parseUrl(text));
              assertOnlyProtocolException(() -> parser.parseJson(text));
              assertOnlyProtocolException(() -> parser.parseJson(WebhookPath.CALLDATA, text));
            });
  }

  @Test
  void jsonObjectsOfAnyValuesParseOrThrowProtocolException() {
    qt().withExamples(2000)
        .forAll(fieldSoups(), booleans().all())
        .checkAssert(
            (fields, asNumbers) -> {
              StringBuilder json = new StringBuilder("{");
              fields.forEach(
                  (name, value) -> {
                    if (json.length() > 1) {
                      json.append(',');
                    }
                    json.append('"').append(name).append("\":");
                    json.append(
                        asNumbers && value.matches("-?[0-9]{1,30}(\\.[0-9]+)?")
                            ? value
                            : quoted(value));
                  });
              json.append('}');
              assertOnlyProtocolException(() -> parser.parseJson(json.toString()));
            });
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void assertOnlyProtocolException(Runnable parse) {
    try {
      parse.run();
    } catch (ProtocolException expected) {
      assertThatCode(
              () -> {
                if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                  throw new AssertionError("a ProtocolException without a message");
                }
              })
          .doesNotThrowAnyException();
    }
  }
}
