package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.http.LogCapture;
import dev.switchboard.store.testing.MutableClock;
import dev.switchboard.store.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that resumes the stream over thousands of ringing calls and hangs up at its first event
 * stops its replay: the replay ends (abandoned), far short of what it would have sent, and nothing
 * is logged at WARN for the sends it no longer tries.
 */
class StreamResumeTest {
  private static final int RINGING = 4_000;

  @TempDir Path folder;

  @Test
  @Timeout(300)
  void aClientThatHangsUpDuringItsReplayStopsIt() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
    try (TestHub hub =
        TestHub.start(
            TestDatabases.sqlite(folder),
            clock,
            config ->
                config.withIntake(
                    new HubConfig.Intake(
                        config.intake().bareSeedPaths(), 100_000, 100_000, 10_000, 500)))) {
      List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
      for (int i = 0; i < RINGING; i++) {
        sent.add(
            hub.client()
                .sendAsync(
                    HttpRequest.newBuilder(
                            URI.create(
                                hub.webhookBase
                                    + "/api/callcenter/call_in?phone=09383"
                                    + String.format("%05d", i)
                                    + "&extension="
                                    + (100 + i % 50)
                                    + "&callid=r"
                                    + i))
                        .build(),
                    HttpResponse.BodyHandlers.discarding()));
        if (sent.size() == 64) {
          sent.forEach(reply -> assertThat(reply.join().statusCode()).isEqualTo(200));
          sent.clear();
        }
      }
      sent.forEach(reply -> assertThat(reply.join().statusCode()).isEqualTo(200));

      try (LogCapture logs = LogCapture.warnings()) {
        try (Socket socket = new Socket()) {
          socket.setReceiveBufferSize(4096);
          socket.connect(new InetSocketAddress("127.0.0.1", hub.hub.port()));
          socket
              .getOutputStream()
              .write(
                  ("GET /v1/stream HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                          + TestHub.API_TOKEN
                          + "\r\nLast-Event-ID: 0\r\n\r\n")
                      .getBytes(StandardCharsets.ISO_8859_1));
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          for (String line = in.readLine(); !line.startsWith("event:"); line = in.readLine()) {
            // the reply's head, until the first event
          }
        } // hung up
        // The stream ends (its subscription closes) once the replay has stopped.
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> metric(hub, "switchboard_stream_clients") == 0);
        double changes = metric(hub, "switchboard_stream_replay_changes_total");
        System.out.println("replayed changes before the replay stopped: " + changes);
        assertThat(metric(hub, "switchboard_stream_replays_total\\{outcome=\"abandoned\",?\\}"))
            .isEqualTo(1);
        // Each call is a call change and a screen-pop: far more than was sent before it stopped.
        assertThat(changes).isLessThan(RINGING);
        assertThat(logs.atLeast(Level.WARN))
            .extracting(ILoggingEvent::getFormattedMessage)
            .isEmpty();
      }
    }
  }

  private static double metric(TestHub hub, String name) {
    String text = hub.get(hub.hub.baseUrl() + "/metrics", false).body();
    Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    return value.find() ? Double.parseDouble(value.group(1)) : -1;
  }
}
