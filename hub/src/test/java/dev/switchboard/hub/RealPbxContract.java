package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a real PBX sends beyond the documents (issue 8, item 6), sent over real HTTP as the PBX
 * sends it: ring notifications, pending call data, unknown paths; and the live stream read with
 * whatever {@code Accept} a client sends.
 */
abstract class RealPbxContract {
  static final String OK = "{\"status code\":200,\"message\":\"OK\"}";

  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    hub = TestHub.start(newDatabase(), clock, UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private long count(String sql, Object... binds) {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h -> {
              var query = h.createQuery(sql);
              for (int i = 0; i < binds.length; i++) {
                query.bind(i, binds[i]);
              }
              return query.mapTo(Long.class).one();
            });
  }

  private Map<String, Object> onlyRow(String sql, Object bind) {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(h -> h.createQuery(sql).bind(0, bind).mapToMap().one());
  }

  @Test
  void aBurstOfRingNotificationsIsAcknowledgedEachTimeAndStoredOnce() {
    for (int i = 0; i < 3; i++) {
      TestHub.Reply reply = hub.webhook("/api/callcenter/call_in?phone=0938363739&queue=");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo(OK);
      clock.advance(Duration.ofMillis(30));
    }
    assertThat(count("select count(*) from events where type = 'ring_notification'")).isEqualTo(1);
    Map<String, Object> stored =
        onlyRow("select raw, path, callid from events where type = ?", "ring_notification");
    assertThat(stored.get("raw")).isEqualTo("phone=0938363739&queue=");
    assertThat(stored.get("path")).isEqualTo("/api/callcenter/call_in");
    assertThat(stored.get("callid")).isNull();

    clock.advance(Duration.ofMinutes(10)); // the same number calls again: a new notification
    assertThat(hub.webhook("/api/callcenter/call_in?phone=0938363739&queue=").body()).isEqualTo(OK);
    assertThat(count("select count(*) from events where type = 'ring_notification'")).isEqualTo(2);
    assertThat(hub.api("/v1/calls").json().get("calls")).isEmpty();
  }

  @Test
  @Timeout(60)
  void aRingNotificationPopsTheCallerToTheQueuesAgentsWhoAreNotOff() throws Exception {
    hub.api("POST", "/v1/contacts", "{\"name\":\"Khách A\",\"phones\":[\"0938363739\"]}");
    for (String status : List.of("101=on", "102=on", "103=off")) {
      String[] parts = status.split("=");
      hub.webhook("/api/Agent/ChangeStatus?extension=" + parts[0] + "&status=" + parts[1]);
    }
    // The hub knows queue 999's agents from its calls: 101 and 103 were rung by one.
    hub.webhook("/api/callcenter/call_in?phone=0912345678&queue=999&extension=101&callid=q1");
    hub.webhook("/api/callcenter/call_in?phone=0912345678&queue=999&extension=103&callid=q1");
    hub.webhook("/api/callcenter/hangup?callid=q1");
    hub.webhook("/api/Agent/ChangeStatus?extension=103&status=off");
    try (SseReader stream =
        new SseReader(hub.client(), hub.hub.baseUrl() + "/v1/stream", TestHub.API_TOKEN, null)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() == 1);
      hub.webhook("/api/callcenter/call_in?phone=0938363739&queue=999");
      JsonNode pop = stream.next("screen_pop", Duration.ofSeconds(10)).data();
      assertThat(pop.get("trigger").asText()).isEqualTo("ring_notification");
      assertThat(pop.get("queue").asText()).isEqualTo("999");
      assertThat(pop.get("extensions")).extracting(JsonNode::asText).containsExactly("101");
      assertThat(pop.at("/customer/phone").asText()).isEqualTo("+84938363739");
      assertThat(pop.at("/contact/name").asText()).isEqualTo("Khách A");
      assertThat(pop.get("call").isNull()).isTrue();

      hub.webhook("/api/callcenter/call_in?phone=0938363739&queue="); // no queue: every agent on
      JsonNode everyone = stream.next("screen_pop", Duration.ofSeconds(10)).data();
      assertThat(everyone.get("queue").isNull()).isTrue();
      assertThat(everyone.get("extensions"))
          .extracting(JsonNode::asText)
          .containsExactly("101", "102");
    }
  }

  @Test
  @Timeout(60)
  void aRingNotificationReachesAStreamFilteredByOneOfItsAgents() throws Exception {
    hub.webhook("/api/Agent/ChangeStatus?extension=102&status=on");
    try (SseReader stream =
        new SseReader(
            hub.client(),
            hub.hub.baseUrl() + "/v1/stream?extension=102",
            TestHub.API_TOKEN,
            null)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() == 1);
      hub.webhook("/api/callcenter/call_in?phone=0938363739&queue=");
      assertThat(stream.next("screen_pop", Duration.ofSeconds(10)).data().get("trigger").asText())
          .isEqualTo("ring_notification");
    }
  }

  @Test
  void calldataWithOneEmptyFieldIsAcknowledgedKeptRawAndItsLookUpScheduled() {
    String[] shapes = {"calldate=", "status=", "holdtime="};
    for (int i = 0; i < shapes.length; i++) {
      TestHub.Reply reply = hub.webhook("/api/callcenter/calldata?callid=P" + i + "&" + shapes[i]);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo(OK);
    }
    assertThat(hub.webhook("/api/callcenter/calldata?callid=P0&calldate=").body()).isEqualTo(OK);
    assertThat(count("select count(*) from events where type = 'call_data_pending'")).isEqualTo(3);
    assertThat(onlyRow("select raw from events where callid = ?", "P1").get("raw"))
        .isEqualTo("callid=P1&status=");
    assertThat(count("select count(*) from call_lookups")).isEqualTo(3);
    assertThat(
            count(
                "select count(*) from call_lookups where due_at = ?",
                clock.instant().plusSeconds(10).toEpochMilli()))
        .isEqualTo(3);
  }

  @Test
  void aTenantWithoutPbxSettingsDropsItsLookUps() {
    hub.webhook("/api/callcenter/calldata?callid=P9&calldate=");
    assertThat(hub.hub.callDataLookup().runOnce().dropped()).isZero(); // not due yet
    clock.advance(Duration.ofSeconds(11));
    assertThat(hub.hub.callDataLookup().runOnce().dropped()).isEqualTo(1);
    assertThat(count("select count(*) from call_lookups")).isZero();
  }

  @Test
  void anUnknownPathUnderApiIsKeptRawAcknowledgedAndCounted() {
    TestHub.Reply reply = hub.webhook("/api/callcenter/transfer?callid=t1&to=102");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(OK);
    TestHub.Reply bare =
        hub.get(hub.hub.baseUrl() + "/api/Something/Else?x=1", false); // the default tenant's
    assertThat(bare.body()).isEqualTo(OK);
    TestHub.Reply posted =
        hub.postWebhook("/crm_call/api/callcenter/note", "application/json", "{\"a\":1}");
    assertThat(posted.body()).isEqualTo(OK);

    Map<String, Object> stored =
        onlyRow(
            "select raw, path, raw_format, callid from events where raw = ?", "callid=t1&to=102");
    assertThat(stored.get("path")).isEqualTo("/api/callcenter/transfer");
    assertThat(stored.get("raw_format")).isEqualTo("query");
    assertThat(stored.get("callid")).isNull(); // kept, never folded into a call
    assertThat(count("select count(*) from events where type = 'unknown_path'")).isEqualTo(3);
    assertThat(hub.api("/v1/calls").json().get("calls")).isEmpty();
    assertThat(hub.get(hub.hub.baseUrl() + "/metrics", false).body())
        .contains("switchboard_events_unknown_path_total 3.0");
  }

  @Test
  void aPathOutsideApiIsStillNotFound() {
    TestHub.Reply reply = hub.webhook("/favicon.ico");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText())
        .isEqualTo("path /favicon.ico is not a VoiceCloud webhook");
    assertThat(count("select count(*) from events")).isZero();
  }

  @Test
  @Timeout(60)
  void theStreamStreamsWhateverTheRequestAccepts() throws Exception {
    for (Optional<String> accept :
        List.of(
            Optional.<String>empty(),
            Optional.of("*/*"),
            Optional.of("text/plain"),
            Optional.of("application/json"),
            Optional.of("text/event-stream"))) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(hub.hub.baseUrl() + "/v1/stream"))
              .header("Authorization", "Bearer " + TestHub.API_TOKEN);
      accept.ifPresent(value -> request.header("Accept", value));
      HttpResponse<Stream<String>> response =
          hub.client().send(request.build(), HttpResponse.BodyHandlers.ofLines());
      try (Stream<String> lines = response.body()) {
        assertThat(response.statusCode()).as(accept.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
            .as(accept.toString())
            .startsWith("text/event-stream");
        assertThat(lines.findFirst()).as(accept.toString()).contains(": connected");
      }
      TestHub.Reply badResume = hub.send(request.header("Last-Event-ID", "yesterday"));
      assertThat(badResume.status()).as(accept.toString()).isEqualTo(400);
      assertThat(badResume.json().get("error").asText())
          .isEqualTo("Last-Event-ID must be a log sequence number");
    }
  }

  private int streamClients() {
    String metrics = hub.get(hub.hub.baseUrl() + "/metrics", false).body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("switchboard_stream_clients"))
        .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }
}
