package dev.switchboard.hub.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 text from bytes, dropping a leading byte-order mark (Excel's "CSV UTF-8" writes one)
 * and refusing bytes that are not UTF-8 with the line they are on and what to do, rather than a
 * bare {@code MalformedInputException}. Not thread-safe.
 */
final class StrictUtf8Reader extends Reader {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private long newlines; // in the text decoded so far
  private boolean started;
  private boolean ended;

  StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  /** Thrown, unchecked, for bytes that are not UTF-8. */
  static final class NotUtf8Exception extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(long line, int badByte) {
      super(
          String.format(
              "line %d is not UTF-8 text (byte 0x%02X): save the file as UTF-8 (in Excel: \"CSV"
                  + " UTF-8\") and import it again",
              line, badByte));
    }
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (ended) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    return n;
  }

  private void fill() throws IOException {
    bytes.compact();
    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (read > 0) {
      bytes.position(bytes.position() + read);
    }
    bytes.flip();
    boolean endOfInput = read < 0;
    chars.clear();
    CoderResult result = decoder.decode(bytes, chars, endOfInput);
    if (endOfInput && !result.isError()) {
      result = decoder.flush(chars);
      ended = true;
    }
    chars.flip();
    countNewlines();
    if (result.isError()) {
      throw new NotUtf8Exception(newlines + 1, bytes.get(bytes.position()) & 0xff);
    }
    if (!started && chars.hasRemaining()) {
      started = true;
      if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
        chars.get();
      }
    }
  }

  private void countNewlines() {
    for (int i = chars.position(); i < chars.limit(); i++) {
      if (chars.get(i) == '\n') {
        newlines++;
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
