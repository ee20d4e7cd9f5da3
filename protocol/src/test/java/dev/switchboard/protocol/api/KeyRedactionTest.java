package dev.switchboard.protocol.api;

import static dev.switchboard.protocol.testing.Generators.charsOf;
import static dev.switchboard.protocol.testing.Generators.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link PbxKey#redact} masks the key in every form a reply may echo it in. */
class KeyRedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Gen<PbxKey> hostileKeys() {
    return strings(charsOf("abcXYZ0189\"\\/ &+%=?#é中ключ'<>{}:"), 8, 40)
        .map(text -> new PbxKey("K" + text + "Z"));
  }

  @Test
  void everyFormOfTheKeyIsMaskedInAnyText() {
    qt().withExamples(1000)
        .forAll(hostileKeys())
        .checkAssert(
            key -> {
              for (String form : key.forms()) {
                String masked = key.redact("before " + form + " after");
                assertThat(masked).isEqualTo("before *** after");
              }
            });
  }

  @Test
  void theKeyIsMaskedInABodyEchoedInsideAJsonErrorAndInUpperOrLowerPercentEncoding() {
    qt().withExamples(500)
        .forAll(hostileKeys())
        .checkAssert(
            key -> {
              String body = JSON.createObjectNode().put("key", key.value()).toString();
              String echoed =
                  JSON.createObjectNode().put("message", "bad request " + body).toString();
              String path = "/key/" + PathSegments.encode(key.value()) + "/domain/abc.com";
              String lowerHex =
                  java.util.regex.Pattern.compile("%[0-9A-F]{2}")
                      .matcher(path)
                      .replaceAll(hex -> hex.group().toLowerCase(java.util.Locale.ROOT));
              for (String text : new String[] {body, echoed, path, lowerHex}) {
                String masked = key.redact(text);
                assertThat(masked).contains("***");
                for (String form : key.forms()) {
                  assertThat(masked).doesNotContain(form);
                }
              }
            });
  }
}
