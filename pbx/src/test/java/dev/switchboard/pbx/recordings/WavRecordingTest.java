package dev.switchboard.pbx.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generated recording is a WAV any player reads: header, length, samples. */
class WavRecordingTest {

  private static byte[] bytes(WavRecording recording) throws IOException {
    try (InputStream in = recording.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void theHeaderDescribesSixteenBitMonoPcmAtEightKilohertzWithConsistentSizes() throws IOException {
    WavRecording recording = WavRecording.lasting(Duration.ofSeconds(37));
    byte[] file = bytes(recording);

    WavHeader header = WavHeader.read(file);

    assertThat(header.riff()).isEqualTo("RIFF");
    assertThat(header.wave()).isEqualTo("WAVE");
    assertThat(header.fmt()).isEqualTo("fmt ");
    assertThat(header.fmtSize()).isEqualTo(16);
    assertThat(header.format()).isEqualTo(1);
    assertThat(header.channels()).isEqualTo(1);
    assertThat(header.sampleRate()).isEqualTo(8000);
    assertThat(header.bitsPerSample()).isEqualTo(16);
    assertThat(header.blockAlign()).isEqualTo(2);
    assertThat(header.byteRate()).isEqualTo(16_000);
    assertThat(header.data()).isEqualTo("data");
    assertThat(header.dataSize()).isEqualTo(37 * 16_000);
    assertThat(header.riffSize()).isEqualTo(file.length - 8);
    assertThat(file).hasSize(44 + 37 * 16_000);
    assertThat(recording.sizeInBytes()).isEqualTo(file.length);
    assertThat(recording.length()).isEqualTo(Duration.ofSeconds(37));
  }

  @Test
  void aLongCallIsCutToTwoMinutes() throws IOException {
    WavRecording recording = WavRecording.lasting(Duration.ofMinutes(30));

    assertThat(recording.length()).isEqualTo(Duration.ofSeconds(120));
    assertThat(WavHeader.read(bytes(recording)).seconds()).isEqualTo(120.0);
  }

  @Test
  void theSoundIsAnAudibleChimeThatNeitherClipsNorStartsOrEndsWithAClick() throws IOException {
    byte[] file = bytes(WavRecording.lasting(Duration.ofMillis(2250)));
    short[] samples = new short[(file.length - 44) / 2];
    ByteBuffer.wrap(file, 44, file.length - 44)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples);

    int loudest = Arrays.stream(toInts(samples)).map(Math::abs).max().orElse(0);
    assertThat(loudest).isBetween(5_000, 20_000);
    assertThat(samples[0]).isZero();
    assertThat(Math.abs(samples[samples.length - 1])).isLessThan(100);
    // Rests between the notes are silent: 0.35 s into each second.
    assertThat(samples[2800]).isZero();
    assertThat(samples[8000 + 2800]).isZero();
  }

  @Test
  void skippingLandsOnTheSameBytesAsReadingThrough() throws IOException {
    WavRecording recording = WavRecording.lasting(Duration.ofSeconds(5));
    byte[] whole = bytes(recording);

    try (InputStream in = recording.open()) {
      assertThat(in.skip(10_001)).isEqualTo(10_001);
      assertThat(in.readNBytes(500)).isEqualTo(Arrays.copyOfRange(whole, 10_001, 10_501));
      assertThat(in.skip(Long.MAX_VALUE)).isEqualTo(whole.length - 10_501);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aNegativeLengthIsRefused() {
    assertThatThrownBy(() -> WavRecording.lasting(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] toInts(short[] samples) {
    int[] values = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      values[i] = samples[i];
    }
    return values;
  }
}
