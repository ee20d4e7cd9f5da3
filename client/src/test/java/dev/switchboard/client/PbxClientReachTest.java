package dev.switchboard.client;

import static dev.switchboard.client.Failures.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.client.FakePbx.Answer;
import dev.switchboard.protocol.api.PbxKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PBX that cannot be reached, or answers too slowly: retryable failures, within the timeouts. */
class PbxClientReachTest {
  private static final PbxKey KEY = Emulator.KEY;

  @RegisterExtension final ClientLogs logs = new ClientLogs(KEY);

  @Test
  void aPbxNobodyListensForIsUnreachableAndWorthRetrying() {
    PbxClient pbx = PbxClient.builder("http://127.0.0.1:1", KEY, "abc.com").build();

    for (Runnable call :
        List.<Runnable>of(
            () -> pbx.dial("101", "0938363739"),
            () -> pbx.dialAsync("101", "0938363739"),
            pbx::queueMembers)) {
      UnableToReachPbxException unreachable =
          expect(UnableToReachPbxException.class, call::run, KEY);
      assertThat(unreachable).isInstanceOf(RetryableException.class);
      assertThat(unreachable)
          .hasMessageStartingWith("could not reach the PBX at http://127.0.0.1:1 for ");
      assertThat(unreachable.getCause()).isNotNull();
    }
  }

  @Test
  void aPbxSlowerThanTheRequestTimeoutIsUnreachableAndWorthRetrying() {
    try (FakePbx slow = new FakePbx()) {
      slow.answer(Answer.json(200, "{\"result\":[]}")).delay(Duration.ofSeconds(10));
      PbxClient pbx =
          PbxClient.builder(slow.baseUrl(), KEY, "abc.com")
              .requestTimeout(Duration.ofMillis(300))
              .build();

      long started = System.nanoTime();
      UnableToReachPbxException late =
          expect(UnableToReachPbxException.class, () -> pbx.dial("101", "0938363739"), KEY);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);

      assertThat(late)
          .isInstanceOf(RetryableException.class)
          .hasMessage("the PBX at " + slow.baseUrl() + " did not answer dial within 300 ms");
      assertThat(waited).isLessThan(Duration.ofSeconds(5));
      assertThat(slow.requests).hasSize(1);
    }
  }

  @Test
  void aPbxThatNeverAcceptsTheConnectionIsUnreachableWithinTheConnectTimeout() throws IOException {
    // A listening socket whose accept queue is full: the kernel drops further connection
    // attempts, so a connect hangs until the client's connect timeout.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        boolean filled = false;
        for (int i = 0; i < 16 && !filled; i++) {
          Socket socket = new Socket();
          queued.add(socket);
          try {
            socket.connect(full.getLocalSocketAddress(), 200);
          } catch (SocketTimeoutException hangs) {
            filled = true;
          }
        }
        assumeTrue(filled, "this system accepts connections beyond a full accept queue");
        String url = "http://127.0.0.1:" + full.getLocalPort();
        PbxClient pbx =
            PbxClient.builder(url, KEY, "abc.com")
                .connectTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(10))
                .build();

        long started = System.nanoTime();
        UnableToReachPbxException unreachable =
            expect(UnableToReachPbxException.class, () -> pbx.dial("101", "0938363739"), KEY);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(unreachable)
            .isInstanceOf(RetryableException.class)
            .hasMessage(
                "could not reach the PBX at " + url + " for dial: no connection within 300 ms");
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }
}
