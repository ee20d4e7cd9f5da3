package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.webhook.AgentState;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every request example of the two seed documents, verbatim: v1's click-to-call URLs and v2's
 * click-to-call template and JSON bodies ("Check the status of the extension", "SPY", "Retrieve
 * Extension List in Queue", "Change Extension Status in Queue", "Retrieve Call Data").
 */
class SeedVectorsTest {
  private static final String V1_DIAL =
      "https://{domain_callcenter}/api/CallControl/dial/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com";
  private static final String V1_DIAL_ASYNC =
      "https://{domain_callcenter}/api/CallControl/dial_async/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com";
  private static final String V2_DIAL_TEMPLATE =
      "https://{PBX_URL}/api/CallControl/dial/from_number/{extension}/to_number/{phone}/key/{key}/domain/{domain}";

  private static final PbxKey V1_KEY = new PbxKey("98589afb55de863cf4d5cd4ec2c41072");
  private static final PbxKey V2_KEY = new PbxKey("98589afb123863cf4d5cd4ec2c41072");

  private static final String V2_STATUS =
      """
      {
        "key" : "98589afb123863cf4d5cd4ec2c41072",
        "list" :
         [
          {"ext" : "100"},
          {"ext" : "200"}
         ]
      }
      """;
  private static final String V2_SPY =
      """
      {
       "key" : "98589afb123863cf4d5cd4ec2c41072",
       "src" : "100",
       "dst" : "101",
       "mode" : "whisper"
      }
      """;
  private static final String V2_ALL_MEMBERS =
      """
      {
       "key" : "98589afb123863cf4d5cd4ec2c41072"
      }
      """;
  private static final String V2_UPDATE_STATUS =
      """
      {
       "key" : "98589afb123863cf4d5cd4ec2c41072",
       "exten" : "100",
       "status" : "0"
      }
      """;
  private static final String V2_CDR =
      """
      {
       "key" : "98589afb123863cf4d5cd4ec2c41072",
       "callid" : "fb80cc79-e179-1234-92d7-04748b9bb475",
       "startdate" : "2022-09-23",
       "enddate" : "2022-09-23"
      }
      """;

  @Test
  void clickToCallPathMatchesSeed() {
    ClickToCall dial = ClickToCall.dial("100", "093xxxxxxx", V1_KEY, "abc.com");

    assertThat(dial.path())
        .isEqualTo(
            "/api/CallControl/dial/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com");
    assertThat(dial.url("https://{domain_callcenter}")).isEqualTo(V1_DIAL);
  }

  @Test
  void asyncClickToCallPathMatchesSeed() {
    ClickToCall dial = ClickToCall.dialAsync("100", "093xxxxxxx", V1_KEY, "abc.com");

    assertThat(dial.url("https://{domain_callcenter}")).isEqualTo(V1_DIAL_ASYNC);
  }

  @Test
  void seedClickToCallUrlsParseIntoTheirRequests() {
    assertThat(ClickToCall.parsePath(V1_DIAL))
        .isEqualTo(ClickToCall.dial("100", "093xxxxxxx", V1_KEY, "abc.com"));
    assertThat(ClickToCall.parsePath(V1_DIAL_ASYNC))
        .isEqualTo(ClickToCall.dialAsync("100", "093xxxxxxx", V1_KEY, "abc.com"));
  }

  @Test
  void clickToCallUrlFillsTheV2Template() {
    ClickToCall dial = ClickToCall.dial("101", "0938363739", V2_KEY, "abc.com");

    assertThat(dial.url("https://{PBX_URL}"))
        .isEqualTo(
            V2_DIAL_TEMPLATE
                .replace("{extension}", "101")
                .replace("{phone}", "0938363739")
                .replace("{key}", V2_KEY.value())
                .replace("{domain}", "abc.com"));
  }

  @Test
  void extensionStatusSeedBodyParsesAndIsWrittenBackCompactly() {
    ExtensionStatusRequest request = ExtensionStatusRequest.parse(V2_STATUS);

    assertThat(request).isEqualTo(new ExtensionStatusRequest(V2_KEY, List.of("100", "200")));
    assertThat(request.toJson()).isEqualTo(withoutWhitespace(V2_STATUS));
    assertThat(request.path()).isEqualTo("/api/Agent/status/format/json");
  }

  @Test
  void spySeedBodyParsesAndIsWrittenBackCompactly() {
    SpyRequest request = SpyRequest.parse(V2_SPY);

    assertThat(request).isEqualTo(new SpyRequest(V2_KEY, "100", "101", SpyMode.WHISPER));
    assertThat(request.toJson()).isEqualTo(withoutWhitespace(V2_SPY));
    assertThat(request.path()).isEqualTo("/api/Agent/spy/format/json");
  }

  @Test
  void queueMembersSeedBodyParsesAndIsWrittenBackCompactly() {
    QueueMembersRequest request = QueueMembersRequest.parse(V2_ALL_MEMBERS);

    assertThat(request).isEqualTo(new QueueMembersRequest(V2_KEY));
    assertThat(request.toJson()).isEqualTo(withoutWhitespace(V2_ALL_MEMBERS));
    assertThat(request.path()).isEqualTo("/api/Agent/all_members/format/json");
  }

  @Test
  void queueStatusUpdateSeedBodyParsesAndIsWrittenBackCompactly() {
    QueueStatusUpdate request = QueueStatusUpdate.parse(V2_UPDATE_STATUS);

    assertThat(request).isEqualTo(new QueueStatusUpdate(V2_KEY, "100", false));
    assertThat(request.toJson()).isEqualTo(withoutWhitespace(V2_UPDATE_STATUS));
    assertThat(request.path()).isEqualTo("/api/Agent/update_status");
  }

  @Test
  void callDataSeedBodyParsesAndIsWrittenBackCompactly() {
    CdrQuery query = CdrQuery.parse(V2_CDR);

    assertThat(query)
        .isEqualTo(
            new CdrQuery(
                V2_KEY,
                Optional.of("fb80cc79-e179-1234-92d7-04748b9bb475"),
                LocalDate.of(2022, 9, 23),
                LocalDate.of(2022, 9, 23)));
    assertThat(query.toJson()).isEqualTo(withoutWhitespace(V2_CDR));
    assertThat(query.path()).isEqualTo("/internal/Reports/cdr/format/json");
  }

  @Test
  void seedStatusValuesAreTheAgentStatesOfTheReply() {
    String body =
        new ExtensionStatusReply(
                List.of(
                    new ExtensionStatus("100", AgentState.OFF),
                    new ExtensionStatus("101", AgentState.ON),
                    new ExtensionStatus("102", AgentState.PAUSE),
                    new ExtensionStatus("103", AgentState.RING),
                    new ExtensionStatus("104", AgentState.TALK)))
            .toJson();

    assertThat(body)
        .isEqualTo(
            "{\"result\":[{\"ext\":\"100\",\"status\":\"off\"},{\"ext\":\"101\",\"status\":\"on\"},"
                + "{\"ext\":\"102\",\"status\":\"pause\"},{\"ext\":\"103\",\"status\":\"ring\"},"
                + "{\"ext\":\"104\",\"status\":\"talk\"}]}");
  }

  private static String withoutWhitespace(String seed) {
    return seed.replaceAll("\\s+", "");
  }
}
