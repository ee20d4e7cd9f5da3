package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class PbxReplyTest {
  @Test
  void okWrapsTheResultWithMessageOk() {
    ObjectNode result = JsonNodeFactory.instance.objectNode().put("exten", "100");

    assertThat(PbxReply.ok(result))
        .isEqualTo("{\"result\":{\"exten\":\"100\"},\"message\":\"OK\"}");
  }

  @Test
  void errorHasANullResultAndTheMessage() {
    assertThat(PbxReply.error("Invalid key"))
        .isEqualTo("{\"result\":null,\"message\":\"Invalid key\"}");
  }

  @Test
  void errorBodyIsReadAsAFailureWithItsMessage() {
    PbxReply reply = PbxReply.parse("{ \"result\" : null, \"message\" : \"Invalid key\" }");

    assertThat(reply.isOk()).isFalse();
    assertThat(reply.errorMessage()).contains("Invalid key");
  }

  @Test
  void replyWithoutResultOrMessageIsAFailureWithoutMessage() {
    PbxReply reply = PbxReply.parse("{}");

    assertThat(reply.isOk()).isFalse();
    assertThat(reply.errorMessage()).contains("no message");
  }

  @Test
  void successBodyIsReadWithItsResult() {
    PbxReply reply = PbxReply.parse("{\"result\":\"OK\"}");

    assertThat(reply.isOk()).isTrue();
    assertThat(reply.errorMessage()).isEmpty();
    assertThat(reply.result())
        .hasValueSatisfying(node -> assertThat(node.asText()).isEqualTo("OK"));
  }

  @Test
  void resultCannotBeChangedFromOutside() {
    ObjectNode result = JsonNodeFactory.instance.objectNode().put("a", 1);
    PbxReply reply = PbxReply.success(result);

    result.put("a", 2);
    ((ObjectNode) reply.result().orElseThrow()).put("a", 3);

    assertThat(reply.toJson()).isEqualTo("{\"result\":{\"a\":1},\"message\":\"OK\"}");
  }

  @Test
  void okWithoutResultIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> PbxReply.ok(null))
        .withMessage("field result: is missing (a success carries a result)");
  }

  @Test
  void messageThatIsNotTextIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> PbxReply.parse("{\"result\":null,\"message\":404}"))
        .withMessage("field message: is not text");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> PbxReply.parse("Not Found"))
        .withMessageStartingWith("body is not JSON");
  }
}
