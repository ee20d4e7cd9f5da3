package dev.switchboard.client;

import static dev.switchboard.client.Emulator.KEY;
import static dev.switchboard.client.Emulator.TODAY;
import static dev.switchboard.client.Failures.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.ExtensionStatus;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.QueueMember;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.webhook.AgentState;
import dev.switchboard.protocol.webhook.CallStatus;
import dev.switchboard.protocol.webhook.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every call of the client against the real PBX emulator, over real HTTP. */
class PbxClientAgainstEmulatorTest {
  private static final String CUSTOMER = "0938363739";
  private static final PbxKey WRONG_KEY = new PbxKey("0123456789abcdef0123456789abcdef");

  @RegisterExtension final ClientLogs logs = new ClientLogs(KEY, WRONG_KEY);

  @TempDir Path folder;
  private Emulator emulator;
  private PbxClient pbx;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start(folder);
    pbx = emulator.client();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  private AgentState statusOf(String extension) {
    return pbx.extensionStatus(List.of(extension)).get(0).status();
  }

  /** An outbound call from {@code extension}, answered after 5 s, talking {@code talk} s. */
  private String outboundCall(String extension, int talk) {
    return emulator.startCall(
        "{\"direction\":\"outbound\",\"extension\":\""
            + extension
            + "\",\"phone\":\""
            + CUSTOMER
            + "\",\"outcome\":\"answered\",\"after\":5,\"talk\":"
            + talk
            + "}");
  }

  @Test
  void dialRingsTheAgentFirstAndTheCallThenAppearsInTheCallRecords() {
    pbx.dial("101", CUSTOMER);

    assertThat(statusOf("101")).isEqualTo(AgentState.RING);
    emulator.advance(300);
    List<CdrEntry> records = pbx.callRecords(TODAY, TODAY, Optional.empty());
    assertThat(records).hasSize(1);
    CdrEntry record = records.get(0);
    assertThat(record.direction()).contains(Direction.OUTBOUND);
    assertThat(record.extension()).contains("101");
    assertThat(record.customer()).contains(CUSTOMER);
    assertThat(record.calldate())
        .hasValueSatisfying(date -> assertThat(date).startsWith("2024-03-01 13:15:4"));
  }

  @Test
  void dialAsyncReturnsTheCallIdThatTheCallRecordsThenCarry() {
    Optional<String> callId = pbx.dialAsync("102", CUSTOMER);

    assertThat(callId).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    assertThat(statusOf("102")).isEqualTo(AgentState.RING);
    assertThat(pbx.callRecords(TODAY, TODAY, callId)).isEmpty(); // still in progress
    emulator.advance(300);
    List<CdrEntry> records = pbx.callRecords(TODAY, TODAY, callId);
    assertThat(records).extracting(CdrEntry::callId).containsExactly(callId.get());
    assertThat(records.get(0).extension()).contains("102");
    assertThat(statusOf("102")).isEqualTo(AgentState.ON);
  }

  @Test
  void callRecordsAreFilteredByCallIdAndByDays() {
    String first = outboundCall("103", 30);
    String second =
        emulator.startCall(
            "{\"direction\":\"inbound\",\"did\":\"19002028\",\"phone\":\"0912345678\","
                + "\"outcome\":\"answered\",\"extension\":\"104\",\"after\":5,\"talk\":40}");
    emulator.advance(120);

    assertThat(pbx.callRecords(TODAY, TODAY, Optional.empty()))
        .extracting(CdrEntry::callId)
        .containsExactlyInAnyOrder(first, second);
    List<CdrEntry> inbound = pbx.callRecords(TODAY, TODAY, Optional.of(second));
    assertThat(inbound).hasSize(1);
    assertThat(inbound.get(0).direction()).contains(Direction.INBOUND);
    assertThat(inbound.get(0).status()).contains(CallStatus.of("ANSWER"));
    assertThat(inbound.get(0).billableSeconds()).contains(40L);
    assertThat(inbound.get(0).extension()).contains("104");
    assertThat(inbound.get(0).queueName()).contains("999");
    assertThat(inbound.get(0).didNumber()).contains("19002028");
    assertThat(inbound.get(0).holdtimeSeconds()).contains(5L);
    assertThat(pbx.callRecords(TODAY.minusDays(3), TODAY.minusDays(1), Optional.empty())).isEmpty();
    assertThat(pbx.callRecords(TODAY.plusDays(1), TODAY.plusDays(2), Optional.of(first))).isEmpty();
    assertThat(pbx.callRecords(TODAY.minusDays(1), TODAY.plusDays(1), Optional.of(first)))
        .extracting(CdrEntry::callId)
        .containsExactly(first);
    assertThat(pbx.callRecords(TODAY, TODAY, Optional.of("no-such-call"))).isEmpty();
  }

  @Test
  void extensionStatusGivesEachExtensionsStatusInTheOrderAsked() {
    emulator.agent("112", "{\"registered\":false}");
    outboundCall("105", 60);
    emulator.advance(10);

    assertThat(pbx.extensionStatus(List.of("105", "101", "112")))
        .containsExactly(
            new ExtensionStatus("105", AgentState.TALK),
            new ExtensionStatus("101", AgentState.ON),
            new ExtensionStatus("112", AgentState.OFF));
  }

  @Test
  void extensionStatusOfNoExtensionsAsksNothing() {
    assertThat(pbx.extensionStatus(List.of())).isEmpty();
  }

  @Test
  void anUnknownExtensionIsRefusedWithThePbxsMessage() {
    PbxRefusedException refused =
        expect(PbxRefusedException.class, () -> pbx.extensionStatus(List.of("101", "555")), KEY);

    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.pbxMessage()).isEqualTo("extension 555 does not exist");
    assertThat(refused)
        .hasMessage(
            "the PBX at "
                + emulator.baseUrl()
                + " refused extension status: extension 555 does not exist (HTTP 404)");
  }

  @Test
  void queueMembersListsBothQueuesOfTheBuiltInCallCenter() {
    List<QueueMembers> queues = pbx.queueMembers();

    assertThat(queues).extracting(QueueMembers::queue).containsExactlyInAnyOrder("999", "998");
    QueueMembers sales =
        queues.stream().filter(queue -> queue.queue().equals("999")).findFirst().orElseThrow();
    assertThat(sales.name()).isEqualTo("Sales");
    assertThat(sales.members())
        .extracting(QueueMember::extension)
        .containsExactly("101", "102", "103", "104", "105", "106");
    assertThat(sales.members()).extracting(QueueMember::penalty).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(sales.members()).allSatisfy(member -> assertThat(member.paused()).isFalse());
  }

  @Test
  void pausingAnAgentMakesItsStatusPauseAndUnpausingMakesItOnAgain() {
    pbx.setPaused("101", true);

    assertThat(statusOf("101")).isEqualTo(AgentState.PAUSE);
    assertThat(memberOfSales("101").paused()).isTrue();

    pbx.setPaused("101", false);

    assertThat(statusOf("101")).isEqualTo(AgentState.ON);
    assertThat(memberOfSales("101").paused()).isFalse();
  }

  private QueueMember memberOfSales(String extension) {
    return pbx.queueMembers().stream()
        .filter(queue -> queue.queue().equals("999"))
        .flatMap(queue -> queue.members().stream())
        .filter(member -> member.extension().equals(extension))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pausingAnUnknownExtensionIsRefused() {
    PbxRefusedException refused =
        expect(PbxRefusedException.class, () -> pbx.setPaused("555", true), KEY);

    assertThat(refused).hasMessageContaining("refused pause: extension 555 does not exist");
  }

  @Test
  void spyingOnATalkingCallReturnsTheSpyLegsCallId() {
    String spied = outboundCall("103", 120);
    emulator.advance(10);
    assertThat(statusOf("103")).isEqualTo(AgentState.TALK);

    String leg = pbx.spy("110", "103", SpyMode.WHISPER);

    assertThat(leg).isNotBlank().isNotEqualTo(spied);
    assertThat(statusOf("110")).isEqualTo(AgentState.TALK);
    emulator.advance(200);
    assertThat(statusOf("110")).isEqualTo(AgentState.ON); // the leg ends with the spied call
  }

  @Test
  void spyIsRefusedWithThePbxsMessage() {
    outboundCall("103", 120);
    emulator.advance(10);
    pbx.spy("110", "103", SpyMode.WHISPER);

    PbxRefusedException noCall =
        expect(PbxRefusedException.class, () -> pbx.spy("111", "104", SpyMode.THREEWAY), KEY);
    assertThat(noCall.status()).isEqualTo(400);
    assertThat(noCall)
        .hasMessage(
            "the PBX at "
                + emulator.baseUrl()
                + " refused spy: extension 104 has no call in progress to listen to (HTTP 400)");

    PbxRefusedException busy =
        expect(PbxRefusedException.class, () -> pbx.spy("110", "103", SpyMode.CALLER), KEY);
    assertThat(busy.pbxMessage()).isEqualTo("extension 110 is busy on another call");

    PbxRefusedException unknown =
        expect(PbxRefusedException.class, () -> pbx.spy("555", "103", SpyMode.CALLEE), KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.pbxMessage()).isEqualTo("extension 555 does not exist");
  }

  @Test
  void dialIsRefusedWithThePbxsMessage() {
    PbxRefusedException unknown =
        expect(PbxRefusedException.class, () -> pbx.dial("555", CUSTOMER), KEY);
    assertThat(unknown)
        .hasMessage(
            "the PBX at "
                + emulator.baseUrl()
                + " refused dial: extension 555 does not exist (HTTP 404)");

    outboundCall("103", 120);
    emulator.advance(10);
    PbxRefusedException busy =
        expect(PbxRefusedException.class, () -> pbx.dialAsync("103", CUSTOMER), KEY);
    assertThat(busy.status()).isEqualTo(400);
    assertThat(busy)
        .hasMessageContaining("refused dial_async: extension 103 is busy on another call");
  }

  @Test
  void aWrongKeyIsRejectedByEveryCall() {
    PbxClient wrong = PbxClient.builder(emulator.baseUrl(), WRONG_KEY, Emulator.DOMAIN).build();

    List<Runnable> calls =
        List.of(
            () -> wrong.dial("101", CUSTOMER),
            () -> wrong.dialAsync("101", CUSTOMER),
            () -> wrong.extensionStatus(List.of("101")),
            () -> wrong.spy("110", "103", SpyMode.WHISPER),
            () -> wrong.queueMembers(),
            () -> wrong.setPaused("101", true),
            () -> wrong.callRecords(TODAY, TODAY, Optional.empty()));
    for (Runnable call : calls) {
      PbxRejectedKeyException rejected =
          expect(PbxRejectedKeyException.class, call::run, KEY, WRONG_KEY);
      assertThat(rejected.status()).isEqualTo(403);
      assertThat(rejected)
          .hasMessageStartingWith("the PBX at " + emulator.baseUrl() + " rejected the key");
      assertThat(rejected).isNotInstanceOf(RetryableException.class);
    }
    assertThat(statusOf("101")).isEqualTo(AgentState.ON); // nothing changed
  }

  @Test
  void aWrongDomainIsRejectedForClickToCallOnly() {
    PbxClient wrong = PbxClient.builder(emulator.baseUrl(), KEY, "xyz.com").build();

    PbxRejectedKeyException rejected =
        expect(PbxRejectedKeyException.class, () -> wrong.dial("101", CUSTOMER), KEY);

    assertThat(rejected)
        .hasMessage(
            "the PBX at "
                + emulator.baseUrl()
                + " rejected the key (or domain) for dial (HTTP 403):"
                + " key or domain is wrong: no company on this PBX has both");
    assertThat(wrong.queueMembers()).hasSize(2);
  }

  @Test
  void argumentsTheProtocolForbidsFailBeforeAnythingIsSent() {
    IllegalArgumentException empty =
        expect(IllegalArgumentException.class, () -> pbx.dial(" ", CUSTOMER), KEY);
    assertThat(empty).hasMessage("dial: field from_number: is empty");

    IllegalArgumentException backwards =
        expect(
            IllegalArgumentException.class,
            () -> pbx.callRecords(TODAY, TODAY.minusDays(1), Optional.empty()),
            KEY);
    assertThat(backwards)
        .hasMessage("call records: field enddate: 2024-02-29 is before startdate 2024-03-01");

    expect(IllegalArgumentException.class, () -> pbx.spy("110", "103", null), KEY);
    assertThat(statusOf("101")).isEqualTo(AgentState.ON);
  }

  @Test
  void theClientLogsEachExchangeWithoutTheKey() {
    pbx.dial("101", CUSTOMER);
    expect(PbxRefusedException.class, () -> pbx.dial("555", CUSTOMER), KEY);

    assertThat(logs.lines())
        .anySatisfy(
            line -> assertThat(line).startsWith("dial at " + emulator.baseUrl() + ": HTTP 200"))
        .anySatisfy(line -> assertThat(line).contains("extension 555 does not exist"));
  }

  @Test
  void toStringShowsTheUrlsAndDomainButNeverTheKey() {
    assertThat(pbx)
        .hasToString(
            "PbxClient[api="
                + emulator.baseUrl()
                + ", reports="
                + emulator.baseUrl()
                + ", domain=abc.com]");
    assertThat(pbx.toString()).doesNotContain(KEY.value());
  }
}
