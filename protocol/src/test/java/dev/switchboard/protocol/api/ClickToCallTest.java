package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class ClickToCallTest {
  private static final PbxKey KEY = new PbxKey("98589afb55de863cf4d5cd4ec2c41072");
  private static final ClickToCall SEED = ClickToCall.dial("100", "093xxxxxxx", KEY, "abc.com");
  private static final String PARAMETERS =
      "/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com";

  @Test
  void pathToleratesAPrefixBeforeTheApi() {
    assertThat(ClickToCall.parsePath("/voice/pbx/api/CallControl/dial" + PARAMETERS))
        .isEqualTo(SEED);
  }

  @Test
  void pathToleratesATrailingSlashAndAQuery() {
    assertThat(ClickToCall.parsePath("/api/CallControl/dial" + PARAMETERS + "/")).isEqualTo(SEED);
    assertThat(ClickToCall.parsePath("/api/CallControl/dial" + PARAMETERS + "?t=1"))
        .isEqualTo(SEED);
  }

  @Test
  void pathNamesAreReadInAnyCaseAndAnyOrder() {
    assertThat(
            ClickToCall.parsePath(
                "/API/callcontrol/DIAL/Domain/abc.com/KEY/98589afb55de863cf4d5cd4ec2c41072"
                    + "/to_number/093xxxxxxx/From_Number/100"))
        .isEqualTo(SEED);
  }

  @Test
  void segmentsArePercentEncodedAndDecoded() {
    ClickToCall call =
        ClickToCall.dialAsync("ext 7", "+84938363739", new PbxKey("a/b?c"), "công-ty.vn");

    assertThat(call.path())
        .isEqualTo(
            "/api/CallControl/dial_async/from_number/ext%207/to_number/%2B84938363739"
                + "/key/a%2Fb%3Fc/domain/c%C3%B4ng-ty.vn");
    assertThat(ClickToCall.parsePath(call.path())).isEqualTo(call);
  }

  @Test
  void plusInAPathStaysAPlus() {
    ClickToCall call =
        ClickToCall.parsePath(
            "/api/CallControl/dial/from_number/100/to_number/+84938363739/key/k/domain/abc.com");

    assertThat(call.toPhone()).isEqualTo("+84938363739");
  }

  @Test
  void urlJoinsBaseWithOrWithoutTrailingSlashOrPrefix() {
    String path = SEED.path();

    assertThat(SEED.url("https://pbx.example.com")).isEqualTo("https://pbx.example.com" + path);
    assertThat(SEED.url("https://pbx.example.com/")).isEqualTo("https://pbx.example.com" + path);
    assertThat(SEED.url(" https://pbx.example.com/voice/ "))
        .isEqualTo("https://pbx.example.com/voice" + path);
  }

  @Test
  void urlRejectsABaseWithAQuery() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> SEED.url("https://pbx.example.com/?x=1"))
        .withMessage("field pbxBaseUrl: carries a query or fragment");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> SEED.url(null))
        .withMessage("field pbxBaseUrl: is missing");
  }

  @Test
  void missingSegmentIsNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/100/key/" + KEY.value() + "/domain/abc.com"))
        .withMessage("field to_number: path segment is missing")
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("to_number"));
  }

  @Test
  void nameWithoutValueIsNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/100/to_number/093/key/k/domain"))
        .withMessage("field domain: path segment has no value");
  }

  @Test
  void emptyValueIsNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/100/to_number//key/k/domain/abc.com"))
        .withMessage("field to_number: is empty");
  }

  @Test
  void repeatedSegmentIsNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/1/from_number/2/to_number/3/key/k/domain/d"))
        .withMessage("field from_number: path segment appears twice");
  }

  @Test
  void parametersOutOfStepAreReportedWithoutQuotingTheKey() {
    // to_number lost its value, so the key's value lands where a name should be.
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/100/to_number/key/"
                        + KEY.value()
                        + "/domain/abc.com"))
        .withMessageContaining("has a name other than from_number, to_number, key, domain")
        .withMessageNotContaining(KEY.value());
  }

  @Test
  void badPercentEscapeInTheKeyNamesTheKeyButNotItsValue() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ClickToCall.parsePath(
                    "/api/CallControl/dial/from_number/100/to_number/093/key/secret%zzvalue/domain/d"))
        .withMessage("field key: path segment has a bad percent escape");
  }

  @Test
  void pathOutsideCallControlIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.parsePath("/api/Agent/status/format/json"))
        .withMessage("path does not contain /api/CallControl/");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.parsePath(null))
        .withMessage("path is missing");
  }

  @Test
  void unknownMethodIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.parsePath("/api/CallControl/call" + PARAMETERS))
        .withMessage("path names a method other than dial or dial_async under /api/CallControl/");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.parsePath("/api/CallControl/"))
        .withMessageContaining("expected dial or dial_async");
  }

  @Test
  void dotSegmentsAreRejectedBecauseAPathCannotCarryThem() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.dial("..", "093", KEY, "abc.com"))
        .withMessage("field from_number: is a dot segment, which cannot stand in a path");
  }

  @Test
  void extensionLongerThan64CharactersIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.dial("1".repeat(65), "093", KEY, "abc.com"))
        .withMessage("field from_number: is 65 characters long (at most 64)");
  }

  @Test
  void controlCharacterInThePhoneIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.dial("100", "09\n3", KEY, "abc.com"))
        .withMessage("field to_number: contains a control character");
  }

  @Test
  void missingPartsAreNamedNotThrownAsNullPointers() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new ClickToCall(null, "100", "093", KEY, "abc.com"))
        .withMessage("field mode: is missing");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ClickToCall.dial("100", "093", null, "abc.com"))
        .withMessage("field key: is missing");
  }

  @Test
  void toStringDoesNotShowTheKey() {
    assertThat(SEED.toString())
        .doesNotContain(KEY.value())
        .contains("PbxKey[***]")
        .contains("093xxxxxxx");
  }

  @Test
  void clickToCallIsAGetWithoutBody() {
    assertThat(SEED.body()).isEmpty();
    assertThat(SEED.apiPath().httpMethod()).isEqualTo("GET");
    assertThat(SEED.mode().wireName()).isEqualTo("dial");
  }
}
