package dev.switchboard.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.testing.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard demo} run as a user runs it, in its own process: the banner's lines work when
 * pasted into a shell, times of both sides are on one time line at {@code --speed}, and a restart
 * begins clean.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HUB = Pattern.compile("^  hub\\s+(http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("^  API token\\s+(\\S+)");

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  private AppProcess demo() throws Exception {
    return AppProcess.start(
        Map.of(),
        "demo",
        "--hub-port",
        "0",
        "--pbx-port",
        "0",
        "--speed",
        "30",
        "--traffic",
        "3600",
        "--data",
        data.toString());
  }

  private static String group(Pattern pattern, String text) {
    for (String line : text.split("\n")) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + pattern + " in:\n" + text);
  }

  private JsonNode calls(String hub, String token) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(hub + "/v1/calls?limit=500"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return JSON.readTree(reply.body()).path("calls");
  }

  /** Runs one banner line in bash, with curl told to print the HTTP status last. */
  private static String bash(String line) throws Exception {
    Process shell =
        new ProcessBuilder("bash", "-c", line + " -s --max-time 3 -w '\\nHTTP %{http_code}'")
            .redirectErrorStream(true)
            .start();
    // Read before waiting: a reply larger than the pipe's buffer would block curl otherwise.
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void bannerLinesWorkWhenPastedIntoAShell() throws Exception {
    try (AppProcess demo = demo()) {
      demo.awaitLine(line -> line.startsWith("Press Ctrl-C"), Duration.ofSeconds(90));
      List<String> curls = new ArrayList<>();
      for (String line : demo.output().split("\n")) {
        if (line.strip().startsWith("curl ")) {
          curls.add(line.replaceAll("\\s+#.*$", "").strip());
        }
      }
      assertThat(curls).hasSizeGreaterThanOrEqualTo(4);
      String hub = group(HUB, demo.output());
      assertThat(demo.output()).contains("  console       " + hub + "/");
      for (String role : List.of("agent", "supervisor", "admin")) {
        String password =
            group(Pattern.compile("^    " + role + "\\s+" + role + "\\s+(\\S+)"), demo.output());
        HttpResponse<String> login =
            http.send(
                HttpRequest.newBuilder(URI.create(hub + "/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + role + "\",\"password\":\"" + password + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(role + ": " + login.body()).isEqualTo(200);
        assertThat(JSON.readTree(login.body()).path("user").path("role").asText()).isEqualTo(role);
      }
      for (String curl : curls) {
        String answer = bash(curl);
        if (curl.contains("-X POST")) {
          // Click-to-call: placed, whatever the generated traffic is doing.
          assertThat(answer).as(curl).endsWith("HTTP 202").contains("\"status\":\"dialing\"");
          continue;
        }
        assertThat(answer).as(curl).endsWith("HTTP 200");
        if (curl.contains("/v1/stream")) {
          assertThat(answer).as("the stream line prints events").contains(": connected");
        }
      }
    }
  }

  @Test
  void hubTimesAndThePbxCalldatesAreOnOneTimeLineAtSpeed() throws Exception {
    try (AppProcess demo = demo()) {
      demo.awaitLine(line -> line.startsWith("Press Ctrl-C"), Duration.ofSeconds(90));
      String hub = group(HUB, demo.output());
      String token = group(TOKEN, demo.output());
      List<JsonNode> ended = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                ended.clear();
                for (JsonNode call : calls(hub, token)) {
                  if (call.path("state").asText().equals("ended")
                      && call.hasNonNull("calldate")
                      && call.hasNonNull("ended_at")) {
                    ended.add(call);
                  }
                }
                return ended.size() >= 5;
              });
      for (JsonNode call : ended) {
        Instant calldate = Instant.parse(call.path("calldate").asText());
        Instant endedAt = Instant.parse(call.path("ended_at").asText());
        // calldate has whole seconds; the hub's end is when the hang-up arrived.
        assertThat(calldate)
            .as("call %s began before the hub saw it end", call.path("callid").asText())
            .isBeforeOrEqualTo(endedAt.plusSeconds(1));
      }
    }
  }

  @Test
  void aRestartedDemoBeginsWithNoCallOfThePreviousRun() throws Exception {
    List<String> previous = new ArrayList<>();
    try (AppProcess demo = demo()) {
      demo.awaitLine(line -> line.startsWith("Press Ctrl-C"), Duration.ofSeconds(90));
      String hub = group(HUB, demo.output());
      String token = group(TOKEN, demo.output());
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> calls(hub, token).size() >= 3);
      calls(hub, token).forEach(call -> previous.add(call.path("callid").asText()));
    }
    try (AppProcess demo = demo()) {
      demo.awaitLine(line -> line.startsWith("Press Ctrl-C"), Duration.ofSeconds(90));
      assertThat(demo.output()).contains("emptied at each start");
      String hub = group(HUB, demo.output());
      String token = group(TOKEN, demo.output());
      List<String> now = new ArrayList<>();
      calls(hub, token).forEach(call -> now.add(call.path("callid").asText()));
      assertThat(now).doesNotContainAnyElementsOf(previous);
    }
  }
}
