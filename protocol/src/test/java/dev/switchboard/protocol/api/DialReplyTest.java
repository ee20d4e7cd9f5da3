package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialReplyTest {
  @Test
  void plainSuccessInAnyCaseWithSpacesIsASuccess() {
    for (String body : new String[] {"Success", "success", "  SUCCESS\r\n", "\"Success\""}) {
      DialReply reply = DialReply.parse(body);

      assertThat(reply.success()).as(body).isTrue();
      assertThat(reply.callId()).isEmpty();
    }
  }

  @Test
  void asyncJsonReplyGivesTheCallId() {
    DialReply reply =
        DialReply.parse(
            "{\"result\":{\"callid\":\"5e012a75-121b-4c10-bdb4-c4b235b6a677\"},\"message\":\"OK\"}");

    assertThat(reply).isEqualTo(DialReply.accepted("5e012a75-121b-4c10-bdb4-c4b235b6a677"));
  }

  @Test
  void emulatorBodiesAreTheDocumentedOnes() {
    assertThat(DialReply.placed().toBody()).isEqualTo("Success");
    assertThat(DialReply.accepted("c1").toBody())
        .isEqualTo("{\"result\":{\"callid\":\"c1\"},\"message\":\"OK\"}");
    assertThat(DialReply.failure("Extension 100 is not registered").toBody())
        .isEqualTo("{\"result\":null,\"message\":\"Extension 100 is not registered\"}");
  }

  @Test
  void errorJsonIsAFailureWithItsMessage() {
    DialReply reply = DialReply.parse("{\"result\":null,\"message\":\"Invalid key\"}");

    assertThat(reply.success()).isFalse();
    assertThat(reply.message()).isEqualTo("Invalid key");
  }

  @Test
  void anyOtherBodyIsAFailureCarryingItsTextCutTo200Characters() {
    String page = "<html>\n<body>" + "x".repeat(300) + "</body></html>";
    DialReply reply = DialReply.parse(page);

    assertThat(reply.success()).isFalse();
    assertThat(reply.callId()).isEmpty();
    assertThat(reply.message()).hasSize(200).startsWith("<html> <body>xxx");
  }

  @Test
  void emptyBodyIsAFailure() {
    assertThat(DialReply.parse(null)).isEqualTo(DialReply.failure("empty reply"));
    assertThat(DialReply.parse("   ").success()).isFalse();
    assertThat(DialReply.parse("Successful").success()).isFalse();
  }

  @Test
  void unusableCallIdStillCountsAsPlaced() {
    DialReply reply = DialReply.parse("{\"result\":{\"callid\":\"\"},\"message\":\"OK\"}");

    assertThat(reply.success()).isTrue();
    assertThat(reply.callId()).isEqualTo(Optional.empty());
  }

  @Test
  void echoedKeyIsHiddenFromTheMessage() {
    PbxKey key = new PbxKey("98589afb55de863cf4d5cd4ec2c41072");
    DialReply reply =
        DialReply.parse(
            "404 Not Found: /api/CallControl/dial/from_number/100/key/" + key.value(), key);

    assertThat(reply.message()).doesNotContain(key.value()).endsWith("/key/***");
  }
}
