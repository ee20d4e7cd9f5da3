package dev.switchboard.hub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kept-alive HTTP/1.1 connection written byte by byte, for requests no well-behaved client
 * sends (several on one connection, broken framing, odd escapes). Reads each reply by its
 * Content-Length or chunked framing. Not thread-safe.
 */
public final class RawHttp implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern CHUNKED =
      Pattern.compile("(?im)^transfer-encoding:\\s*chunked\\s*$");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A reply: its status, headers and body. */
  public record Reply(int status, String headers, String body) {}

  /** Connects to {@code 127.0.0.1:port}. */
  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends {@code request} as is (CRLFs included) and reads one reply. */
  public Reply exchange(String request) throws IOException {
    send(request);
    return read();
  }

  /** Sends bytes without reading. */
  public void send(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Half-closes the connection: the server sees the end of the request stream. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads one reply. */
  public Reply read() throws IOException {
    String head = readHead();
    Matcher status = STATUS.matcher(head);
    if (!status.find()) {
      throw new IOException("not an HTTP reply: " + head);
    }
    String body;
    Matcher length = LENGTH.matcher(head);
    if (length.find()) {
      body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    } else if (CHUNKED.matcher(head).find()) {
      body = readChunks();
    } else {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Reply(Integer.parseInt(status.group(1)), head, body);
  }

  /** Reads the head of one reply without a body (the reply to a HEAD request). */
  public Reply readHeadOnly() throws IOException {
    String head = readHead();
    Matcher status = STATUS.matcher(head);
    if (!status.find()) {
      throw new IOException("not an HTTP reply: " + head);
    }
    return new Reply(Integer.parseInt(status.group(1)), head, "");
  }

  private String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before a reply: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private String readChunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine().strip();
      int length = Integer.parseInt(size.split(";")[0], 16);
      if (length == 0) {
        readLine();
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(length));
      readLine();
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
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
}
