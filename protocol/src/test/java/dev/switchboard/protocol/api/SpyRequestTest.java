package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class SpyRequestTest {
  @Test
  void modeIsReadInAnyCase() {
    assertThat(SpyMode.of("WhisPer")).isEqualTo(SpyMode.WHISPER);
    assertThat(SpyMode.of(" threeway ")).isEqualTo(SpyMode.THREEWAY);
    assertThat(SpyMode.of("CALLER")).isEqualTo(SpyMode.CALLER);
    assertThat(SpyMode.of("callee")).isEqualTo(SpyMode.CALLEE);
  }

  @Test
  void modesAreWrittenInLowerCase() {
    assertThat(SpyMode.THREEWAY.wireName()).isEqualTo("threeway");
    assertThat(new SpyRequest(new PbxKey("k"), "100", "101", SpyMode.CALLEE).toJson())
        .isEqualTo("{\"key\":\"k\",\"src\":\"100\",\"dst\":\"101\",\"mode\":\"callee\"}");
  }

  @Test
  void unknownModeNamesTheFieldAndTheAllowedValues() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                SpyRequest.parse(
                    "{\"key\":\"k\",\"src\":\"100\",\"dst\":\"101\",\"mode\":\"barge\"}"))
        .withMessage("field mode: 'barge' is not one of whisper, threeway, caller, callee")
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("mode"));
  }

  @Test
  void missingPartsAreNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> SpyRequest.parse("{\"key\":\"k\",\"dst\":\"101\",\"mode\":\"whisper\"}"))
        .withMessage("field src: is missing");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> SpyRequest.parse("{\"key\":\"k\",\"src\":\"1\",\"dst\":\"101\"}"))
        .withMessage("field mode: is missing");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () -> SpyRequest.parse("{\"key\":7,\"src\":\"1\",\"dst\":\"2\",\"mode\":\"x\"}"))
        .withMessage("field key: is not text");
  }
}
