package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.switchboard.protocol.ProtocolException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  /** Values near the edge: numbers, signs, dates, escapes, long text, empty. */
  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
        Arbitraries.of(
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
        Arbitraries.strings().ofLength(5000));
  }

  @Provide
  Arbitrary<Map<String, String>> fieldSoups() {
    return Arbitraries.maps(Arbitraries.of(NAMES), values()).ofMaxSize(8);
  }

  @Property(tries = 3000)
  void fieldSoupOnEveryPathParsesOrThrowsProtocolException(
      @ForAll("fieldSoups") Map<String, String> fields, @ForAll WebhookPath path) {
    assertOnlyProtocolException(() -> parser.parse(path, RawFields.of(fields)));
    assertOnlyProtocolException(() -> parser.parseQuery(path, RawFields.of(fields).toQuery()));
  }

  @Property(tries = 2000)
  void arbitraryQueryStringsParseOrThrowProtocolException(
      @ForAll String query, @ForAll WebhookPath path) {
    assertOnlyProtocolException(() -> parser.parseQuery(path, query));
    assertOnlyProtocolException(() -> parser.parseUrl(path.path() + "?" + query));
  }

  @Property(tries = 2000)
  void arbitraryTextAsUrlOrJsonParsesOrThrowsProtocolException(@ForAll String text) {
    assertOnlyProtocolException(() -> parser.parseUrl(text));
    assertOnlyProtocolException(() -> parser.parseJson(text));
    assertOnlyProtocolException(() -> parser.parseJson(WebhookPath.CALLDATA, text));
  }

  @Property(tries = 2000)
  void jsonObjectsOfAnyValuesParseOrThrowProtocolException(
      @ForAll("fieldSoups") Map<String, String> fields, @ForAll boolean asNumbers) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(name).append("\":");
          json.append(
              asNumbers && value.matches("-?[0-9]{1,30}(\\.[0-9]+)?") ? value : quoted(value));
        });
    json.append('}');
    assertOnlyProtocolException(() -> parser.parseJson(json.toString()));
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
