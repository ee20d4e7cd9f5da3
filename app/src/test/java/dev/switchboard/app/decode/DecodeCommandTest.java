package dev.switchboard.app.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code switchboard decode} reads every seed example and names the problem in bad ones. */
class DecodeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every webhook URL of both seed documents, verbatim. */
  static final List<String> SEED_URLS =
      List.of(
          "https://{domain_crm}/api/callcenter/call_in?phone=093xxxxxxx&extension=101&callid={ID_Call}",
          "https://{domain_crm}/api/callcenter/hangup?callid={ID_Call}",
          "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&duration=11&status=ANSWERED&extension=101&phone=093xxxxxxx&recordingfile=https://ip_tong_dai/link_file_ghi_am",
          "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&holdtime=30&status=ABANDON&queue=999&phone=093xxxxxxx",
          "https://{domain_crm}/api/callcenter/calldata?callid={ID_Call}&status=ANSWER&queue=999&extension=100&phone=0938xxxxxxTrong đó :",
          "https://{domain_crm}/api/callcenter/init?extension=100&phone=093xxxxxxx&callid={ID_Call}&event={status}",
          "https://{CRM_URL}/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER&did=19002028",
          "https://{CRM_URL}/api/callcenter/hangup?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677",
          "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677",
          "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&holdtime=60&status=ABANDON&queue=999&phone=0938363739",
          "https://{CRM_URL}/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&status=NOANSWER&queue=999&extension=101&phone=0938363739",
          "https://{CRM_URL}/api/callcenter/init?extension=101&phone=0938363739&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER",
          "https://{CRM_URL}/api/Agent/ChangeStatus?extension=101&status=talk");

  private record Run(int exitCode, String out, String err) {
    List<JsonNode> objects() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      try (var parser = JSON.createParser(out)) {
        var iterator = JSON.readValues(parser, JsonNode.class);
        while (iterator.hasNext()) {
          nodes.add(iterator.next());
        }
      }
      return nodes;
    }
  }

  private static Run decode(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "decode";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = commandLine.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everySeedExampleIsDecodedWithItsType() throws Exception {
    Run run = decode(SEED_URLS.toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.objects())
        .extracting(node -> node.get("type").asText())
        .containsExactly(
            "incoming_call",
            "hangup",
            "call_record",
            "missed_call",
            "agent_answered",
            "outbound_call",
            "incoming_call",
            "hangup",
            "call_record",
            "missed_call",
            "agent_no_answer",
            "outbound_call",
            "agent_status");
  }

  @Test
  void callRecordShowsNormalisedAndRawFields() throws Exception {
    JsonNode record = decode(SEED_URLS.get(8)).objects().get(0);
    assertThat(record.get("phone").asText()).isEqualTo("+84938363739");
    assertThat(record.get("calldate").asText()).isEqualTo("2024-03-01T06:15:40Z");
    assertThat(record.get("duration").isNumber()).isTrue();
    assertThat(record.get("duration").asInt()).isEqualTo(50);
    assertThat(record.get("billsec").asInt()).isEqualTo(37);
    assertThat(record.at("/raw/calldate").asText()).isEqualTo("2024-03-01 13:15:40");
    assertThat(record.at("/raw/phone").asText()).isEqualTo("0938363739");
  }

  @Test
  void timeZoneOptionChangesTheInstant() throws Exception {
    JsonNode record = decode("--tz", "UTC", SEED_URLS.get(8)).objects().get(0);
    assertThat(record.get("calldate").asText()).isEqualTo("2024-03-01T13:15:40Z");
  }

  @Test
  void jsonBodyWithPathIsDecoded() throws Exception {
    Run run =
        decode(
            "--path",
            "init",
            "{\"extension\":\"101\",\"phone\":\"0938363739\",\"callid\":\"c1\",\"event\":\"ANSWERED\"}");
    assertThat(run.exitCode()).isZero();
    JsonNode event = run.objects().get(0);
    assertThat(event.get("type").asText()).isEqualTo("outbound_call");
    assertThat(event.get("event").asText()).isEqualTo("ANSWER");
  }

  @Test
  void accessLogRequestLineIsDecoded() throws Exception {
    Run run = decode("GET /crm_call/api/callcenter/hangup?callid=c1 HTTP/1.1");
    assertThat(run.objects().get(0).get("type").asText()).isEqualTo("hangup");
  }

  @Test
  void badInputPrintsOneLineNamingTheProblemAndExitsNonZero() {
    Run run = decode("/api/callcenter/calldata?callid=c1&calldate=2024-13-01 10:00:00");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "decode: field calldate: '2024-13-01 10:00:00' is not a date (expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd-HH:mm:ss)")
        .doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void goodInputsAreStillPrintedWhenOneIsBad() throws Exception {
    Run run = decode(SEED_URLS.get(1), "/api/callcenter/hangup", SEED_URLS.get(7));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.objects()).hasSize(2);
    assertThat(run.err().strip()).isEqualTo("decode: input 2: field callid: is missing");
  }

  @Test
  void unknownTimeZoneIsAUsageError() {
    Run run = decode("--tz", "Mars/Olympus", SEED_URLS.get(1));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--tz: unknown time zone 'Mars/Olympus'");
  }

  @Test
  void compactPrintsOneLinePerInput() {
    Run run = decode("--compact", SEED_URLS.get(1), SEED_URLS.get(12));
    assertThat(run.out().strip().split("\n")).hasSize(2);
  }

  @Test
  void theRealPbxsRingNotificationAndPendingCallAreDecoded() throws Exception {
    Run run =
        decode(
            "--compact",
            "https://crm/api/callcenter/call_in?phone=0938363739&queue=",
            "https://crm/api/callcenter/calldata?callid=X1&calldate=");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> objects = run.objects();
    assertThat(objects.get(0).get("type").asText()).isEqualTo("ring_notification");
    assertThat(objects.get(0).get("phone").asText()).isEqualTo("+84938363739");
    assertThat(objects.get(0).at("/raw/queue").asText()).isEmpty();
    assertThat(objects.get(1).get("type").asText()).isEqualTo("call_data_pending");
    assertThat(objects.get(1).get("callid").asText()).isEqualTo("X1");
  }
}
