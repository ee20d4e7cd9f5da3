package dev.switchboard.pbx.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pbx.api.TestPbx;
import dev.switchboard.pbx.engine.Script;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recordings over real HTTP: a playable WAV per answered call, 404 for the rest. */
class RecordingRoutesTest {
  private final TestPbx pbx = TestPbx.start();

  @AfterEach
  void stop() {
    pbx.close();
  }

  /** An inbound call answered after 5 s that talks {@code talk} seconds, stepped to its end. */
  private String answeredCall(int talk) {
    String id =
        pbx.engine.inbound(
            TestPbx.DOMAIN,
            "19002028",
            "0938363739",
            Optional.of(
                new Script.Answer(
                    Optional.of("101"), Duration.ofSeconds(5), Duration.ofSeconds(talk))),
            Duration.ZERO,
            Duration.ZERO);
    pbx.step(talk + 10);
    return id;
  }

  /** The path of the recording URL the call's final webhook carries. */
  private String recordingPath(String callId) {
    String calldata = pbx.webhooksOf(callId).getLast();
    String url =
        calldata.substring(calldata.indexOf("&recordingfile=") + "&recordingfile=".length());
    assertThat(url).startsWith(TestPbx.RECORDING_BASE);
    return url.substring(TestPbx.RECORDING_BASE.length());
  }

  @Test
  void anAnsweredCallsRecordingIsAWavAsLongAsItsTalkTime() {
    String id = answeredCall(37);

    TestPbx.Reply reply = pbx.get(recordingPath(id));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("audio/wav");
    WavHeader header = WavHeader.read(reply.bytes());
    assertThat(header.riff()).isEqualTo("RIFF");
    assertThat(header.wave()).isEqualTo("WAVE");
    assertThat(header.format()).isEqualTo(1);
    assertThat(header.channels()).isEqualTo(1);
    assertThat(header.sampleRate()).isEqualTo(8000);
    assertThat(header.bitsPerSample()).isEqualTo(16);
    assertThat(header.riffSize()).isEqualTo(reply.bytes().length - 8);
    assertThat(header.dataSize()).isEqualTo(reply.bytes().length - 44);
    assertThat(header.seconds()).isEqualTo(37.0);
  }

  @Test
  void aLongCallsRecordingIsCutToTwoMinutes() {
    String id = answeredCall(300);

    TestPbx.Reply reply = pbx.get("/play_audio/data/" + id);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(WavHeader.read(reply.bytes()).seconds()).isEqualTo(120.0);
    assertThat(reply.bytes()).hasSize(44 + 120 * 16_000);
  }

  @Test
  void aPlayerThatSeeksGetsTheRangeItAskedFor() {
    String id = answeredCall(10);
    byte[] whole = pbx.get("/play_audio/data/" + id).bytes();

    TestPbx.Reply part =
        pbx.send(
            HttpRequest.newBuilder(URI.create(pbx.baseUrl() + "/play_audio/data/" + id))
                .header("Range", "bytes=1000-1999")
                .GET());

    assertThat(part.status()).isEqualTo(206);
    assertThat(part.bytes()).isEqualTo(Arrays.copyOfRange(whole, 1000, 2000));
  }

  @Test
  void anUnknownCallHasNoRecording() {
    TestPbx.Reply reply = pbx.get("/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.body())
        .isEqualTo(
            "{\"result\":null,\"message\":\"no finished call"
                + " 5e012a75-121b-4c10-bdb4-c4b235b6a677 on this PBX\"}");
  }

  @Test
  void anUnansweredCallHasNoRecording() {
    String id =
        pbx.engine.inbound(
            TestPbx.DOMAIN,
            "19002028",
            "0938363739",
            Optional.of(new Script.NoAnswer(Optional.of("101"))),
            Duration.ZERO,
            Duration.ZERO);
    pbx.step(30);

    TestPbx.Reply reply = pbx.get("/play_audio/data/" + id);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText())
        .isEqualTo("call " + id + " was not answered (NOANSWER): no recording");
  }

  @Test
  void aCallStillInProgressHasNoRecordingYet() {
    String id =
        pbx.engine.inbound(
            TestPbx.DOMAIN,
            "19002028",
            "0938363739",
            Optional.of(
                new Script.Answer(
                    Optional.of("101"), Duration.ofSeconds(1), Duration.ofSeconds(60))),
            Duration.ZERO,
            Duration.ZERO);
    pbx.step(5);

    assertThat(pbx.get("/play_audio/data/" + id).status()).isEqualTo(404);
  }
}
