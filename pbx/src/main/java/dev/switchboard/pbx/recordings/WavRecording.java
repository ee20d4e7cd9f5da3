package dev.switchboard.pbx.recordings;

import java.io.InputStream;
import java.time.Duration;

/**
 * A call recording made up on the fly: a WAV file (RIFF/WAVE, PCM, 16-bit, mono, 8 kHz, as
 * telephone audio is) playing a soft two-note chime every second, C5 then E5, each note 0.3 s with
 * gentle edges so it never clicks. Nothing is held in memory but a one-second table: {@link
 * #open()} computes the bytes as they are read, and skips in constant time (for HTTP range
 * requests). Immutable and thread-safe; each stream it opens is for one reader.
 */
public final class WavRecording {
  /** Samples a second. */
  public static final int SAMPLE_RATE = 8000;

  /** The longest recording made; longer calls are cut to this. */
  public static final Duration LONGEST = Duration.ofSeconds(120);

  /** The media type to serve it as. */
  public static final String CONTENT_TYPE = "audio/wav";

  /** Size of the RIFF header (RIFF, fmt and data chunk headers). */
  static final int HEADER_BYTES = 44;

  private static final int BYTES_PER_SAMPLE = 2;
  private static final short[] CYCLE = chimeCycle();
  private static final int EDGE = SAMPLE_RATE / 50; // 20 ms fade in and out

  private final long samples;

  private WavRecording(long samples) {
    this.samples = samples;
  }

  /** A recording of {@code length}, at most {@link #LONGEST}, to the millisecond. */
  public static WavRecording lasting(Duration length) {
    if (length.isNegative()) {
      throw new IllegalArgumentException("a recording cannot last a negative time");
    }
    Duration capped = length.compareTo(LONGEST) > 0 ? LONGEST : length;
    return new WavRecording(capped.toMillis() * SAMPLE_RATE / 1000);
  }

  /** How long it plays. */
  public Duration length() {
    return Duration.ofMillis(samples * 1000 / SAMPLE_RATE);
  }

  /** The whole file's size in bytes, header included. */
  public long sizeInBytes() {
    return HEADER_BYTES + dataBytes();
  }

  /** The file's bytes, computed as they are read. */
  public InputStream open() {
    return new WavStream(header(), samples, sizeInBytes());
  }

  private long dataBytes() {
    return samples * BYTES_PER_SAMPLE;
  }

  private byte[] header() {
    byte[] header = new byte[HEADER_BYTES];
    ascii(header, 0, "RIFF");
    littleEndian(header, 4, 4, sizeInBytes() - 8);
    ascii(header, 8, "WAVE");
    ascii(header, 12, "fmt ");
    littleEndian(header, 16, 4, 16); // fmt chunk size for PCM
    littleEndian(header, 20, 2, 1); // PCM
    littleEndian(header, 22, 2, 1); // mono
    littleEndian(header, 24, 4, SAMPLE_RATE);
    littleEndian(header, 28, 4, (long) SAMPLE_RATE * BYTES_PER_SAMPLE); // byte rate
    littleEndian(header, 32, 2, BYTES_PER_SAMPLE); // block align
    littleEndian(header, 34, 2, 16); // bits a sample
    ascii(header, 36, "data");
    littleEndian(header, 40, 4, dataBytes());
    return header;
  }

  /** Sample {@code index} of a recording of {@code total} samples: the chime, faded at the end. */
  static short sample(long index, long total) {
    int value = CYCLE[(int) (index % SAMPLE_RATE)];
    long left = total - index;
    return left < EDGE ? (short) (value * left / EDGE) : (short) value;
  }

  /** One second: C5 for 0.3 s, a rest, E5 for 0.3 s, a rest. */
  private static short[] chimeCycle() {
    short[] cycle = new short[SAMPLE_RATE];
    note(cycle, 0, 523.25);
    note(cycle, SAMPLE_RATE / 2, 659.25);
    return cycle;
  }

  private static void note(short[] cycle, int start, double frequency) {
    int length = SAMPLE_RATE * 3 / 10;
    int edge = SAMPLE_RATE / 50;
    for (int i = 0; i < length; i++) {
      double t = (double) i / SAMPLE_RATE;
      // A raised-cosine edge at both ends; a touch of the octave makes it rounder than a beep.
      double envelope =
          i < edge
              ? 0.5 - 0.5 * Math.cos(Math.PI * i / edge)
              : i >= length - edge ? 0.5 - 0.5 * Math.cos(Math.PI * (length - i) / edge) : 1;
      double wave =
          0.8 * Math.sin(2 * Math.PI * frequency * t)
              + 0.2 * Math.sin(2 * Math.PI * 2 * frequency * t);
      cycle[start + i] = (short) Math.round(0.3 * Short.MAX_VALUE * envelope * wave);
    }
  }

  private static void ascii(byte[] into, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      into[at + i] = (byte) text.charAt(i);
    }
  }

  private static void littleEndian(byte[] into, int at, int bytes, long value) {
    for (int i = 0; i < bytes; i++) {
      into[at + i] = (byte) (value >>> (8 * i));
    }
  }

  /** The file as a stream: the header, then each sample as two little-endian bytes. */
  private static final class WavStream extends InputStream {
    private final byte[] header;
    private final long samples;
    private final long size;
    private long position;

    WavStream(byte[] header, long samples, long size) {
      this.header = header;
      this.samples = samples;
      this.size = size;
    }

    @Override
    public int read() {
      if (position >= size) {
        return -1;
      }
      return byteAt(position++) & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      java.util.Objects.checkFromIndexSize(offset, length, into.length);
      if (length == 0) {
        return 0;
      }
      if (position >= size) {
        return -1;
      }
      int count = (int) Math.min(length, size - position);
      for (int i = 0; i < count; i++) {
        into[offset + i] = byteAt(position++);
      }
      return count;
    }

    @Override
    public long skip(long count) {
      long skipped = Math.max(0, Math.min(count, size - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private byte byteAt(long at) {
      if (at < HEADER_BYTES) {
        return header[(int) at];
      }
      long data = at - HEADER_BYTES;
      short sample = sample(data / BYTES_PER_SAMPLE, samples);
      return (byte) (data % 2 == 0 ? sample : sample >> 8);
    }
  }
}
