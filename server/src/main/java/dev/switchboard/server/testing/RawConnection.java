package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 connection written byte by byte, for requests no well-behaved client sends (several
 * on one kept-alive connection, broken framing, odd escapes, raw bytes). Reads each reply by its
 * Content-Length or chunked framing, or to the end of the stream; interim 1xx replies are skipped.
 * Every read is bounded by the connection's timeout. Not thread-safe.
 */
public final class RawConnection implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern CHUNKED =
      Pattern.compile("(?im)^transfer-encoding:\\s*chunked\\s*$");
  private static final int LONGEST_HEAD = 64 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** Connects to {@code 127.0.0.1:port}, each read waiting at most 20 seconds. */
  public RawConnection(int port) throws IOException {
    this("127.0.0.1", port, Duration.ofSeconds(20));
  }

  /** Connects to {@code host:port}, each read waiting at most {@code readTimeout}. */
  public RawConnection(String host, int port, Duration readTimeout) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends {@code request} as is (CRLFs included; each char one byte) and reads one reply. */
  public RawReply exchange(String request) throws IOException {
    send(request);
    return read();
  }

  /** Sends the characters of {@code request} as bytes (ISO-8859-1), without reading. */
  public void send(String request) throws IOException {
    send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code bytes} without reading. */
  public void send(byte[] bytes) throws IOException {
    send(bytes, 0, bytes.length);
  }

  /** Sends {@code length} bytes of {@code bytes} from {@code offset}, without reading. */
  public void send(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    out.flush();
  }

  /** Half-closes the connection: the server sees the end of the request stream. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads one final reply (after any 1xx), its body as its framing says. */
  public RawReply read() throws IOException {
    return read(false);
  }

  /**
   * Reads one final reply (after any 1xx); {@code bodiless} for the reply to a HEAD, which has a
   * Content-Length but no body.
   */
  public RawReply read(boolean bodiless) throws IOException {
    while (true) {
      String head = readHead();
      Matcher status = STATUS.matcher(head);
      if (!status.find()) {
        throw new IOException("not an HTTP reply: " + Printable.of(head, 200));
      }
      int code = Integer.parseInt(status.group(1));
      if (code >= 100 && code < 200 && code != 101) {
        continue;
      }
      return new RawReply(
          code, head, bodiless || code == 204 || code == 304 ? new byte[0] : body(head));
    }
  }

  private byte[] body(String head) throws IOException {
    Matcher length = LENGTH.matcher(head);
    if (length.find()) {
      return in.readNBytes(Integer.parseInt(length.group(1)));
    }
    if (CHUNKED.matcher(head).find()) {
      return readChunks();
    }
    return in.readAllBytes();
  }

  private String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new ConnectionClosedException(
            "the connection closed before a reply"
                + (head.isEmpty() ? "" : ": " + Printable.of(head.toString(), 200)));
      }
      if (head.length() > LONGEST_HEAD) {
        throw new IOException("a reply head longer than " + LONGEST_HEAD + " bytes");
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private byte[] readChunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine().strip();
      int length = Integer.parseInt(size.split(";")[0], 16);
      if (length == 0) {
        while (!readLine().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      readLine();
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new ConnectionClosedException("the connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The server closed the connection before a whole reply came. */
  public static final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionClosedException(String message) {
      super(message);
    }
  }
}
