package dev.switchboard.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every webhook URL in both seed documents, verbatim (placeholders such as {@code {ID_Call}}
 * included), with its expected reading.
 */
class SeedVectorsTest {
  private final WebhookParser parser = new WebhookParser();

  private static final CallId V2_CALL = CallId.of("5e012a75-121b-4c10-bdb4-c4b235b6a677");
  private static final CallId V1_CALL = CallId.of("{ID_Call}");

  private WebhookEvent read(String url) {
    return parser.parseUrl(url).event();
  }

  @Nested
  class V1 {
    @Test
    void incomingCallReadsPhoneExtensionAndCallid() {
      var event =
          read(
              "https://{domain_crm}/api/callcenter/call_in?phone=093xxxxxxx&extension=101&callid={ID_Call}");
      assertThat(event)
          .isEqualTo(
              new IncomingCall(
                  V1_CALL,
                  new PhoneNumber("093xxxxxxx", Optional.empty()),
                  Optional.of("101"),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Map.of()));
    }

    @Test
    void hangupReadsCallid() {
      assertThat(read("https://{domain_crm}/api/callcenter/hangup?callid={ID_Call}"))
          .isEqualTo(Hangup.of(V1_CALL));
    }

    @Test
    void callLogIsAFinalCallRecordWithAnsweredReadAsAnswer() {
      var event =
          read(
              "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&duration=11&status=ANSWERED&extension=101&phone=093xxxxxxx&recordingfile=https://ip_tong_dai/link_file_ghi_am");
      assertThat(event)
          .isEqualTo(
              new CallRecord(
                  V1_CALL,
                  Optional.of(Instant.parse("2020-10-10T03:10:10Z")),
                  Optional.of(Duration.ofSeconds(11)),
                  Optional.empty(),
                  Optional.of(CallStatus.ANSWER),
                  Optional.empty(),
                  Optional.of("101"),
                  Optional.of(new PhoneNumber("093xxxxxxx", Optional.empty())),
                  Optional.empty(),
                  Optional.of("https://ip_tong_dai/link_file_ghi_am"),
                  Map.of()));
    }

    @Test
    void missCallIsAMissedCallEvenWithCalldate() {
      var event =
          read(
              "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&holdtime=30&status=ABANDON&queue=999&phone=093xxxxxxx");
      assertThat(event)
          .isEqualTo(
              new MissedCall(
                  V1_CALL,
                  Optional.of(Instant.parse("2020-10-10T03:10:10Z")),
                  Optional.of(Duration.ofSeconds(30)),
                  Optional.of("999"),
                  Optional.of(new PhoneNumber("093xxxxxxx", Optional.empty())),
                  Map.of()));
    }

    @Test
    void agentPickUpIsAnAgentAnsweredEvent() {
      // The seed's line runs straight into the next sentence ("Trong đó :", "In which:"): kept
      // verbatim, the phone reads as text that is not a dialable number.
      var event =
          read(
              "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&status=ANSWER&queue=999&extension=100&phone=0938xxxxxxTrong đó :");
      assertThat(event)
          .isEqualTo(
              new AgentAnswered(
                  V1_CALL,
                  "100",
                  Optional.of("999"),
                  Optional.of(new PhoneNumber("0938xxxxxxTrong đó :", Optional.empty())),
                  Map.of()));
    }

    @Test
    void agentPickUpWithoutTheTrailingTextReadsTheSame() {
      var event =
          read(
              "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&status=ANSWER&queue=999&extension=100&phone=0938xxxxxx");
      assertThat(event).isInstanceOf(AgentAnswered.class);
      assertThat(((AgentAnswered) event).phone()).map(PhoneNumber::raw).contains("0938xxxxxx");
    }

    @Test
    void outboundCallKeepsThePlaceholderEventAsSent() {
      var event =
          read(
              "https://{domain_crm}/api/callcenter/init?extension=100&phone=093xxxxxxx&callid={ID_Call}&event={status}");
      assertThat(event)
          .isEqualTo(
              new OutboundCall(
                  V1_CALL,
                  "100",
                  new PhoneNumber("093xxxxxxx", Optional.empty()),
                  Optional.of(CallProgress.of("{status}")),
                  Map.of()));
      assertThat(((OutboundCall) event).event().orElseThrow().isKnown()).isFalse();
    }

    @Test
    void outboundCallEventsListedInTheSeedAreUnderstood() {
      String base =
          "https://{domain_crm}/api/callcenter/init?extension=100&phone=093xxxxxxx&callid={ID_Call}&event=";
      assertThat(((OutboundCall) read(base + "RINGING")).event()).contains(CallProgress.RINGING);
      assertThat(((OutboundCall) read(base + "ANSWERED")).event()).contains(CallProgress.ANSWER);
    }
  }

  @Nested
  class V2 {
    @Test
    void incomingCallReadsEveryField() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER&did=19002028");
      assertThat(event)
          .isEqualTo(
              new IncomingCall(
                  V2_CALL,
                  new PhoneNumber("0938363739", Optional.of("+84938363739")),
                  Optional.of("101"),
                  Optional.of("999"),
                  Optional.of(CallProgress.ANSWER),
                  Optional.of("19002028"),
                  Map.of()));
    }

    @Test
    void endCallIsAHangup() {
      assertThat(
              read(
                  "https://{CRM_URL}/api/callcenter/hangup?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677"))
          .isEqualTo(Hangup.of(V2_CALL));
    }

    @Test
    void callInformationIsAFinalCallRecordWithARawSpaceInCalldate() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677");
      assertThat(event)
          .isEqualTo(
              new CallRecord(
                  V2_CALL,
                  Optional.of(Instant.parse("2024-03-01T06:15:40Z")),
                  Optional.of(Duration.ofSeconds(50)),
                  Optional.of(Duration.ofSeconds(37)),
                  Optional.of(CallStatus.ANSWER),
                  Optional.of("19002028"),
                  Optional.of("101"),
                  Optional.of(new PhoneNumber("0938363739", Optional.of("+84938363739"))),
                  Optional.of(Direction.INBOUND),
                  Optional.of(
                      "https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677"),
                  Map.of()));
    }

    @Test
    void missedCallReadsHoldtimeQueueAndPhone() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&holdtime=60&status=ABANDON&queue=999&phone=0938363739");
      assertThat(event)
          .isEqualTo(
              new MissedCall(
                  V2_CALL,
                  Optional.empty(),
                  Optional.of(Duration.ofSeconds(60)),
                  Optional.of("999"),
                  Optional.of(PhoneNumber.parse("0938363739")),
                  Map.of()));
    }

    @Test
    void agentNoAnswerIsOneFailedRingAttempt() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&status=NOANSWER&queue=999&extension=101&phone=0938363739");
      assertThat(event)
          .isEqualTo(
              new AgentNoAnswer(
                  V2_CALL,
                  "101",
                  Optional.of("999"),
                  Optional.of(PhoneNumber.parse("0938363739")),
                  Map.of()));
    }

    @Test
    void outgoingCallIsAnOutboundCall() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/init?extension=101&phone=0938363739&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER");
      assertThat(event)
          .isEqualTo(
              new OutboundCall(
                  V2_CALL,
                  "101",
                  PhoneNumber.parse("0938363739"),
                  Optional.of(CallProgress.ANSWER),
                  Map.of()));
    }

    @Test
    void realTimeStatusIsAnAgentStatusChange() {
      assertThat(read("https://{CRM_URL}/api/Agent/ChangeStatus?extension=101&status=talk"))
          .isEqualTo(new AgentStatusChange("101", AgentState.TALK, Map.of()));
    }

    @Test
    void everyListedAgentStatusIsKnown() {
      for (String status : new String[] {"off", "on", "pause", "ring", "talk"}) {
        var event =
            (AgentStatusChange)
                read("https://{CRM_URL}/api/Agent/ChangeStatus?extension=101&status=" + status);
        assertThat(event.status().isKnown()).as(status).isTrue();
      }
    }
  }

  @Nested
  class Replies {
    @Test
    void successReplyIsTheSeedBodyWithoutSpaces() {
      assertThat(CrmReply.OK.toJson()).isEqualTo("{\"status code\":200,\"message\":\"OK\"}");
    }

    @Test
    void seedRepliesAsSpacedInTheDocumentsAreRead() {
      assertThat(CrmReply.parse("{\"status code\" : 200 , \"message\" : \"OK\"}"))
          .isEqualTo(CrmReply.OK);
      assertThat(CrmReply.parse("{\"status code\" : 404 , \"message\" : \"Not Found\"}"))
          .isEqualTo(CrmReply.NOT_FOUND);
    }
  }

  @Nested
  class Formatting {
    private final WebhookFormatter v1 =
        new WebhookFormatter(Edition.V1, WebhookParser.DEFAULT_ZONE);
    private final WebhookFormatter v2 =
        new WebhookFormatter(Edition.V2, WebhookParser.DEFAULT_ZONE);

    @Test
    void v2CallRecordIsWrittenExactlyAsTheSeedWithTheSpaceEncoded() {
      var event =
          read(
              "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677");
      assertThat(v2.format(event).url("https://crm.example.com"))
          .isEqualTo(
              "https://crm.example.com/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&calldate=2024-03-01%2013:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677");
    }

    @Test
    void v1CallLogIsWrittenExactlyAsTheSeed() {
      String seed =
          "/api/callcenter/calldata?callid=42&calldate=2020-10-10-10:10:10&duration=11&status=ANSWERED&extension=101&phone=093xxxxxxx&recordingfile=https://ip_tong_dai/link_file_ghi_am";
      assertThat(v1.format(read(seed)).pathAndQuery()).isEqualTo(seed);
    }

    @Test
    void everyV2SeedUrlIsWrittenBackUnderAPrefixedBase() {
      String[] seeds = {
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER&did=19002028",
        "/api/callcenter/hangup?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677",
        "/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&holdtime=60&status=ABANDON&queue=999&phone=0938363739",
        "/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&status=NOANSWER&queue=999&extension=101&phone=0938363739",
        "/api/callcenter/init?extension=101&phone=0938363739&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER",
        "/api/Agent/ChangeStatus?extension=101&status=talk"
      };
      for (String seed : seeds) {
        assertThat(v2.format(read(seed)).url("http://crm.example.com/crm_call/"))
            .isEqualTo("http://crm.example.com/crm_call" + seed);
      }
    }

    @Test
    void everyV1SeedUrlIsWrittenBackAsSent() {
      String[] seeds = {
        "/api/callcenter/call_in?phone=093xxxxxxx&extension=101&callid=%7BID_Call%7D",
        "/api/callcenter/hangup?callid=%7BID_Call%7D",
        "/api/callcenter/calldata?callid=%7BID_Call%7D&calldate=2020-10-10-10:10:10&holdtime=30&status=ABANDON&queue=999&phone=093xxxxxxx",
        "/api/callcenter/calldata?callid=%7BID_Call%7D&status=ANSWER&queue=999&extension=100&phone=0938xxxxxx",
        "/api/callcenter/init?extension=100&phone=093xxxxxxx&callid=%7BID_Call%7D&event=ANSWERED"
      };
      for (String seed : seeds) {
        assertThat(v1.format(read(seed)).pathAndQuery()).isEqualTo(seed);
      }
    }
  }
}
