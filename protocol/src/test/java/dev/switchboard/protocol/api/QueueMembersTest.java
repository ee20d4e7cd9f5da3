package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.AgentState;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueMembersTest {
  private static final String REPLY =
      "{\"result\":[{\"queue\":\"999\",\"name\":\"sales\",\"members\":"
          + "[{\"ext\":\"101\",\"paused\":false,\"penalty\":0,\"status\":\"on\"}]}]}";

  @Test
  void replyIsWrittenInTheEmulatorsShape() {
    QueueMembersReply reply =
        new QueueMembersReply(
            List.of(
                new QueueMembers(
                    "999", "sales", List.of(new QueueMember("101", false, 0, AgentState.ON)))));

    assertThat(reply.toJson()).isEqualTo(REPLY);
    assertThat(QueueMembersReply.parse(REPLY)).isEqualTo(reply);
  }

  @Test
  void pausedAndPenaltyAreReadFromTextOrNumbersAndDefault() {
    QueueMembersReply reply =
        QueueMembersReply.parse(
            "{\"result\":[{\"queue\":999,\"members\":["
                + "{\"ext\":\"101\",\"paused\":\"1\",\"penalty\":\"2\",\"status\":\"pause\"},"
                + "{\"ext\":\"102\",\"paused\":0,\"status\":\"ring\"},"
                + "{\"ext\":\"103\",\"status\":\"on\"}]}]}");

    assertThat(reply.result().get(0).name()).isEmpty();
    assertThat(reply.result().get(0).members())
        .containsExactly(
            new QueueMember("101", true, 2, AgentState.PAUSE),
            new QueueMember("102", false, 0, AgentState.RING),
            new QueueMember("103", false, 0, AgentState.ON));
  }

  @Test
  void badMemberIsNamedByItsPlace() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                QueueMembersReply.parse(
                    "{\"result\":[{\"queue\":\"999\",\"members\":["
                        + "{\"ext\":\"101\",\"paused\":\"maybe\",\"status\":\"on\"}]}]}"))
        .withMessage("field result[0].members[0].paused: is not true, false, 1 or 0");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                QueueMembersReply.parse(
                    "{\"result\":[{\"queue\":\"999\",\"members\":["
                        + "{\"ext\":\"101\",\"penalty\":-1,\"status\":\"on\"}]}]}"))
        .withMessage("field result[0].members[0].penalty: is negative");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                QueueMembersReply.parse(
                    "{\"result\":[{\"queue\":\"999\",\"members\":["
                        + "{\"ext\":\"1\\u00002\",\"status\":\"on\"}]}]}"))
        .withMessage("field result[0].members[0].ext: contains a control character");
  }

  @Test
  void requestCarriesOnlyTheKey() {
    QueueMembersRequest request = QueueMembersRequest.parse("{ \"KEY\" : \"k\" }");

    assertThat(request.toJson()).isEqualTo("{\"key\":\"k\"}");
    assertThat(request.apiPath()).isEqualTo(PbxApiPath.QUEUE_MEMBERS);
  }

  @Test
  void requestWithBlankKeyIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> QueueMembersRequest.parse("{\"key\":\"  \"}"))
        .withMessage("field key: is empty");
  }
}
