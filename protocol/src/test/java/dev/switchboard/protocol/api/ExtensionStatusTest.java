package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.AgentState;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionStatusTest {
  private static final PbxKey KEY = new PbxKey("98589afb123863cf4d5cd4ec2c41072");

  @Test
  void extensionSentAsANumberIsReadAsItsDigits() {
    ExtensionStatusRequest request =
        ExtensionStatusRequest.parse(
            "{\"key\":\"k\",\"list\":[{\"ext\":100},{\"EXT\":\" 200 \"}]}");

    assertThat(request.extensions()).containsExactly("100", "200");
  }

  @Test
  void badExtensionIsNamedByItsPlaceInTheList() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () -> ExtensionStatusRequest.parse("{\"key\":\"k\",\"list\":[{\"ext\":\"100\"},{}]}"))
        .withMessage("field list[1].ext: is missing");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("{\"key\":\"k\",\"list\":[{\"ext\":true}]}"))
        .withMessage("field list[0].ext: is not text");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("{\"key\":\"k\",\"list\":[\"100\"]}"))
        .withMessage("field list[0]: is not an object");
  }

  @Test
  void missingKeyOrListIsNamed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("{\"list\":[{\"ext\":\"100\"}]}"))
        .withMessage("field key: is missing");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("{\"key\":\"k\",\"list\":{}}"))
        .withMessage("field list: is not a list");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("{\"key\":\"k\",\"list\":[]}"))
        .withMessage("field list: is empty (name at least one extension)");
  }

  @Test
  void moreThanAThousandExtensionsAreRejected() {
    List<String> extensions = Collections.nCopies(1001, "100");

    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> new ExtensionStatusRequest(KEY, extensions))
        .withMessage("field list: has 1001 extensions (at most 1000)");
    assertThat(new ExtensionStatusRequest(KEY, extensions.subList(0, 1000)).extensions())
        .hasSize(1000);
  }

  @Test
  void bodyThatIsNotJsonIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("key=k&list=100"))
        .withMessageStartingWith("body is not JSON");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse(null))
        .withMessage("body is empty (expected JSON)");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse("[1]"))
        .withMessage("body is not a JSON object");
  }

  @Test
  void deeplyNestedOrHugeBodyIsRejectedAsNotJson() {
    String deep = "{\"key\":\"k\",\"list\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    String longNumber = "{\"key\":\"k\",\"list\":[{\"ext\":" + "9".repeat(5_000) + "}]}";

    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse(deep))
        .withMessageStartingWith("body is not JSON");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> ExtensionStatusRequest.parse(longNumber))
        .withMessageStartingWith("body is not JSON");
  }

  @Test
  void repeatedMemberIsRejectedRatherThanGuessed() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                ExtensionStatusRequest.parse(
                    "{\"key\":\"a\",\"key\":\"b\",\"list\":[{\"ext\":\"1\"}]}"))
        .withMessageStartingWith("body is not JSON");
  }

  @Test
  void replyIsWrittenAndReadBack() {
    ExtensionStatusReply reply =
        new ExtensionStatusReply(
            List.of(
                new ExtensionStatus("100", AgentState.ON),
                new ExtensionStatus("200", AgentState.of("dnd"))));

    assertThat(reply.toJson())
        .isEqualTo(
            "{\"result\":[{\"ext\":\"100\",\"status\":\"on\"},{\"ext\":\"200\",\"status\":\"dnd\"}]}");
    assertThat(ExtensionStatusReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Test
  void replyStatusIsReadInAnyCase() {
    ExtensionStatusReply reply =
        ExtensionStatusReply.parse("{\"result\":[{\"ext\":\"100\",\"status\":\"TALK\"}]}");

    assertThat(reply.result()).containsExactly(new ExtensionStatus("100", AgentState.TALK));
  }

  @Test
  void replyWithAnEmptyStatusNamesItsPlace() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () -> ExtensionStatusReply.parse("{\"result\":[{\"ext\":\"100\",\"status\":\" \"}]}"))
        .withMessage("field result[0].status: is empty");
  }

  @Test
  void errorReplyIsReportedWithThePbxMessage() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () -> ExtensionStatusReply.parse("{\"result\":null,\"message\":\"Invalid key\"}"))
        .withMessage("field result: is empty: the PBX answered with an error: 'Invalid key'");
  }
}
