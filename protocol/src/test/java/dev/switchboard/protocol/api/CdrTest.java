package dev.switchboard.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrTest {
  private static final PbxKey KEY = new PbxKey("k");
  private static final LocalDate DAY = LocalDate.of(2022, 9, 23);

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
  void replyIsWrittenWithNumbersAndWithoutAbsentFields() {
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
            "{\"result\":[{\"callid\":\"c1\",\"calldate\":\"2024-03-01 13:15:40\","
                + "\"callerid\":\"0938363739\",\"destination\":\"101\",\"direction\":\"Inbound\","
                + "\"duration\":50,\"billsec\":37,\"status\":\"ANSWER\"}]}");
    assertThat(CdrReply.parse(reply.toJson())).isEqualTo(reply);
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
