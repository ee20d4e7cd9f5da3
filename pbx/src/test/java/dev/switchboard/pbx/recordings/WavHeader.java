package dev.switchboard.pbx.recordings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The fields of a canonical 44-byte RIFF/WAVE header, read as a player reads them. */
record WavHeader(
    String riff,
    long riffSize,
    String wave,
    String fmt,
    long fmtSize,
    int format,
    int channels,
    long sampleRate,
    long byteRate,
    int blockAlign,
    int bitsPerSample,
    String data,
    long dataSize) {

  static WavHeader read(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
    return new WavHeader(
        ascii(in),
        Integer.toUnsignedLong(in.getInt()),
        ascii(in),
        ascii(in),
        Integer.toUnsignedLong(in.getInt()),
        Short.toUnsignedInt(in.getShort()),
        Short.toUnsignedInt(in.getShort()),
        Integer.toUnsignedLong(in.getInt()),
        Integer.toUnsignedLong(in.getInt()),
        Short.toUnsignedInt(in.getShort()),
        Short.toUnsignedInt(in.getShort()),
        ascii(in),
        Integer.toUnsignedLong(in.getInt()));
  }

  /** Seconds of sound the data chunk holds. */
  double seconds() {
    return (double) dataSize / byteRate;
  }

  private static String ascii(ByteBuffer in) {
    byte[] text = new byte[4];
    in.get(text);
    return new String(text, StandardCharsets.US_ASCII);
  }
}
