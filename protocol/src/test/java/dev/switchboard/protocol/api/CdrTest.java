package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrTest {
  private static final PbxKey KEY = new PbxKey("k");
  private static final LocalDate DAY = LocalDate.of(2022, 9, 23);

  /**
   * A reply in the shape a real VoiceCloud report has (field report, issue 8): every member in
   * every row, counts as decimal strings, holdtime an integer, fee a number, "" for what is absent.
   */
  private static final String REAL_REPLY =
      """
      {"result":[
        {"direction":"Inbound","queue_name":"999","calldate":"2024-03-01 13:15:40",
         "callerid":"0938363739","destination":"101","status":"ANSWER","billsec":"37",
         "duration":"42","holdtime":5,"callid":"1709273740.1234","did_number":"19002028",
         "fee":0,
         "recordingpath":"https://portal.voicecloud.vn/play_audio/data/1709273740.1234"},
        {"direction":"Outbound","queue_name":"","calldate":"2024-03-01 13:20:02",
         "callerid":"105","destination":"0912345678","status":"CANCEL","billsec":"0",
         "duration":"12","holdtime":0,"callid":"1709274002.1240","did_number":"","fee":0,
         "recordingpath":""}
      ],"total":2}
      """;

  @Test
  void queryWithoutCallIdLeavesItOut() {
    CdrQuery query = CdrQuery.between(KEY, DAY, DAY.plusDays(1));

    assertThat(query.toJson())
        .isEqualTo("{\"key\":\"k\",\"startdate\":\"2022-09-23\",\"enddate\":\"2022-09-24\"}");
    assertThat(CdrQuery.parse(query.toJson())).isEqualTo(query);
  }

  @Test
  void emptyOrNullCallIdMeansEveryCall() {
    assertThat(
            CdrQuery.parse(
                    "{\"key\":\"k\",\"callid\":\"\",\"startdate\":\"2022-09-23\","
                        + "\"enddate\":\"2022-09-23\"}")
                .callId())
        .isEmpty();
    assertThat(
            CdrQuery.parse(
                    "{\"key\":\"k\",\"callid\":null,\"startdate\":\"2022-09-23\","
                        + "\"enddate\":\"2022-09-23\"}")
                .callId())
        .isEmpty();
  }

  @Test
  void endDateBeforeStartDateIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrQuery.between(KEY, DAY, DAY.minusDays(1)))
        .withMessage("field enddate: 2022-09-22 is before startdate 2022-09-23");
  }

  @Test
  void datesMustBeYearMonthDay() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                CdrQuery.parse(
                    "{\"key\":\"k\",\"startdate\":\"23/09/2022\",\"enddate\":\"2022-09-23\"}"))
        .withMessage("field startdate: '23/09/2022' is not a date (expected YYYY-MM-DD)");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                CdrQuery.parse(
                    "{\"key\":\"k\",\"startdate\":\"2022-02-30\",\"enddate\":\"2022-09-23\"}"))
        .withMessage("field startdate: '2022-02-30' is not a date (expected YYYY-MM-DD)");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrQuery.parse("{\"key\":\"k\",\"startdate\":\"2022-09-23\"}"))
        .withMessage("field enddate: is missing");
  }

  @Test
  void replyIsReadWithNumbersAsTextAndMissingFields() {
    CdrReply reply =
        CdrReply.parse(
            "{\"result\":[{\"callid\":\"c1\",\"calldate\":\"2024-03-01 13:15:40\","
                + "\"callerid\":\"101\",\"destination\":\"0938363739\",\"direction\":\"Outbound\","
                + "\"duration\":\"50\",\"billsec\":37,\"status\":\"ANSWERED\","
                + "\"recordingpath\":\"https://pbx/rec/c1.mp3\"},"
                + "{\"callid\":\"c2\",\"duration\":\"\",\"billsec\":null}]}");

    assertThat(reply.result())
        .containsExactly(
            new CdrEntry(
                "c1",
                Optional.of("2024-03-01 13:15:40"),
                Optional.of("101"),
                Optional.of("0938363739"),
                Optional.of(Direction.OUTBOUND),
                Optional.of(50L),
                Optional.of(37L),
                Optional.of(CallStatus.ANSWER),
                Optional.of("https://pbx/rec/c1.mp3")),
            CdrEntry.of("c2"));
  }

  @Test
  void replyIsWrittenInTheRealReportsShapeWithEveryMember() {
    CdrReply reply =
        new CdrReply(
            List.of(
                new CdrEntry(
                    "c1",
                    Optional.of("2024-03-01 13:15:40"),
                    Optional.of("0938363739"),
                    Optional.of("101"),
                    Optional.of(Direction.INBOUND),
                    Optional.of(50L),
                    Optional.of(37L),
                    Optional.of(CallStatus.ANSWER),
                    Optional.empty())));

    assertThat(reply.toJson())
        .isEqualTo(
            "{\"result\":[{\"direction\":\"Inbound\",\"queue_name\":\"\","
                + "\"calldate\":\"2024-03-01 13:15:40\",\"callerid\":\"0938363739\","
                + "\"destination\":\"101\",\"status\":\"ANSWER\",\"billsec\":\"37\","
                + "\"duration\":\"50\",\"callid\":\"c1\",\"did_number\":\"\","
                + "\"recordingpath\":\"\"}],\"total\":1}");
    assertThat(CdrReply.parse(reply.toJson())).isEqualTo(reply);
  }

  @Test
  void realReportReplyIsReadWithItsQueueHoldtimeDidAndFee() {
    CdrReply reply = CdrReply.parse(REAL_REPLY);

    assertThat(reply.total()).contains(2L);
    assertThat(reply.isTruncated()).isFalse();
    assertThat(reply.result())
        .containsExactly(
            new CdrEntry(
                "1709273740.1234",
                Optional.of("2024-03-01 13:15:40"),
                Optional.of("0938363739"),
                Optional.of("101"),
                Optional.of(Direction.INBOUND),
                Optional.of(42L),
                Optional.of(37L),
                Optional.of(CallStatus.ANSWER),
                Optional.of("https://portal.voicecloud.vn/play_audio/data/1709273740.1234"),
                Optional.of("999"),
                Optional.of(5L),
                Optional.of("19002028"),
                Optional.of(new BigDecimal("0"))),
            new CdrEntry(
                "1709274002.1240",
                Optional.of("2024-03-01 13:20:02"),
                Optional.of("105"),
                Optional.of("0912345678"),
                Optional.of(Direction.OUTBOUND),
                Optional.of(12L),
                Optional.of(0L),
                Optional.of(CallStatus.CANCEL),
                Optional.empty(),
                Optional.empty(),
                Optional.of(0L),
                Optional.empty(),
                Optional.of(new BigDecimal("0"))));
    assertThat(reply.result().get(0).extension()).contains("101");
    assertThat(reply.result().get(1).extension()).contains("105");
    assertThat(reply.result().get(1).customer()).contains("0912345678");
  }

  @Test
  void realReportReplyIsWrittenBackExactly() throws Exception {
    String compact = new ObjectMapper().readTree(REAL_REPLY).toString();

    assertThat(CdrReply.parse(REAL_REPLY).toJson()).isEqualTo(compact);
  }

  @Test
  void olderShapeWithoutTotalIsReadWithTheNewFieldsAbsent() {
    CdrReply reply =
        CdrReply.parse(
            "{\"result\":[{\"callid\":\"c1\",\"direction\":\"Inbound\",\"duration\":42,"
                + "\"billsec\":37,\"status\":\"ANSWER\"}]}");

    assertThat(reply.total()).isEmpty();
    assertThat(reply.isTruncated()).isFalse();
    CdrEntry entry = reply.result().get(0);
    assertThat(entry.durationSeconds()).contains(42L);
    assertThat(entry.queueName()).isEmpty();
    assertThat(entry.holdtimeSeconds()).isEmpty();
    assertThat(entry.didNumber()).isEmpty();
    assertThat(entry.fee()).isEmpty();
  }

  @Test
  void aTotalAboveTheRowsMarksATruncatedReport() {
    CdrReply reply = CdrReply.parse("{\"result\":[{\"callid\":\"c1\"}],\"total\":\"3\"}");

    assertThat(reply.total()).contains(3L);
    assertThat(reply.isTruncated()).isTrue();
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":[],\"total\":-1}"))
        .withMessage("field total: is negative");
  }

  @Test
  void feeIsReadAsNumberOrTextAndKeptWithoutTrailingZeros() {
    assertThat(fee("1500")).isEqualTo(fee("\"1500\"")).isEqualTo(fee("1500.00"));
    assertThat(fee("\"1500.50\"")).isEqualTo(new BigDecimal("1500.5"));
    assertThat(fee("\"\"")).isNull();
    String written =
        new CdrReply(List.of(CdrReply.parse(row("1.5E+3")).result().get(0)), Optional.empty())
            .toJson();
    assertThat(written).contains("\"fee\":1500,");
  }

  @Test
  void badFeesAreNamedByTheirPlace() {
    for (String[] bad :
        new String[][] {
          {"-5", "is negative"},
          {"\"12 VND\"", "'12 VND' is not a number"},
          {"\"1e999999999\"", "'1e999999999' is not a number"},
          {"1e400", "is not a number"},
          {"1e300", "is too large (at most 15 whole digits)"},
          {"0.0000000001", "has more than 9 decimals"},
          {"true", "is not a number"}
        }) {
      assertThatExceptionOfType(ProtocolException.class)
          .as(bad[0])
          .isThrownBy(() -> CdrReply.parse(row(bad[0])))
          .withMessage("field result[0].fee: " + bad[1]);
    }
  }

  @Test
  void anInboundDestinationThatIsTheDidOrQueueIsNoExtension() {
    CdrEntry busy =
        CdrReply.parse(
                "{\"result\":[{\"callid\":\"c\",\"direction\":\"Inbound\","
                    + "\"callerid\":\"0938363739\",\"destination\":\"19002028\","
                    + "\"did_number\":\"19002028\",\"queue_name\":\"999\"}]}")
            .result()
            .get(0);
    CdrEntry abandoned =
        CdrReply.parse(
                "{\"result\":[{\"callid\":\"c\",\"direction\":\"Inbound\","
                    + "\"callerid\":\"0938363739\",\"destination\":\"999\","
                    + "\"did_number\":\"19002028\",\"queue_name\":\"999\"}]}")
            .result()
            .get(0);

    assertThat(busy.extension()).isEmpty();
    assertThat(abandoned.extension()).isEmpty();
    assertThat(busy.customer()).contains("0938363739");
  }

  private static BigDecimal fee(String json) {
    return CdrReply.parse(row(json)).result().get(0).fee().orElse(null);
  }

  private static String row(String fee) {
    return "{\"result\":[{\"callid\":\"c\",\"fee\":" + fee + "}]}";
  }

  @Test
  void outboundCallerIdIsTheExtensionAndInboundTheCustomer() {
    CdrEntry outbound = entry(Direction.OUTBOUND, "101", "0938363739");
    CdrEntry inbound = entry(Direction.of("inbound"), "0938363739", "101");

    assertThat(outbound.extension()).contains("101");
    assertThat(outbound.customer()).contains("0938363739");
    assertThat(inbound.extension()).contains("101");
    assertThat(inbound.customer()).contains("0938363739");
  }

  @Test
  void unknownDirectionNamesNeitherExtensionNorCustomer() {
    CdrEntry internal = entry(Direction.of("Internal"), "101", "102");

    assertThat(internal.extension()).isEmpty();
    assertThat(internal.customer()).isEmpty();
  }

  @Test
  void missingCallIdIsNamedByItsPlace() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":[{\"callid\":\"c1\"},{\"duration\":5}]}"))
        .withMessage("field result[1].callid: is missing");
  }

  @Test
  void badCountsAreNamedByTheirPlace() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":[{\"callid\":\"c1\",\"duration\":\"5s\"}]}"))
        .withMessage("field result[0].duration: '5s' is not a whole number");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":[{\"callid\":\"c1\",\"billsec\":-3}]}"))
        .withMessage("field result[0].billsec: is negative");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":[{\"callid\":\"c1\",\"billsec\":2.5}]}"))
        .withMessage("field result[0].billsec: is not a whole number");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                CdrReply.parse(
                    "{\"result\":[{\"callid\":\"c1\",\"duration\":99999999999999999999999}]}"))
        .withMessage("field result[0].duration: is not a whole number");
  }

  @Test
  void resultThatIsNotAListIsRejected() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"result\":{\"callid\":\"c1\"}}"))
        .withMessage("field result: is not a list");
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(() -> CdrReply.parse("{\"data\":[]}"))
        .withMessage("field result: is missing");
  }

  @Test
  void presentCalldateMustNotBeBlank() {
    assertThatExceptionOfType(ProtocolException.class)
        .isThrownBy(
            () ->
                new CdrEntry(
                    "c",
                    Optional.of(" "),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .withMessage("field calldate: is empty (leave it out instead)");
  }

  @Test
  void calldateIsKeptExactlyAsSent() {
    CdrReply reply =
        CdrReply.parse("{\"result\":[{\"callid\":\"c\",\"calldate\":\"2020-10-10-10:10:10\"}]}");

    assertThat(reply.result().get(0).calldate()).contains("2020-10-10-10:10:10");
  }

  private static CdrEntry entry(Direction direction, String callerId, String destination) {
    return new CdrEntry(
        "c",
        Optional.empty(),
        Optional.of(callerId),
        Optional.of(destination),
        Optional.of(direction),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
