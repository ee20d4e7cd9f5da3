package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.PostgresTest;
import dev.switchboard.store.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three hub nodes in one process on one PostgreSQL database: webhooks spread round robin over them
 * (one call's events reach different nodes), a stream client on each. Every node serves every
 * call's complete record, and every node's stream carries every change of every node, once each, in
 * log order: exactly the rows the writers committed to the shared change table.
 */
@PostgresTest
@Timeout(180)
class PostgresClusterTest {
  private static final int NODES = 3;
  private static final int CALLS = 60;

  private final List<TestHub> nodes = new ArrayList<>();
  private final List<SseReader> streams = new ArrayList<>();

  @AfterEach
  void stop() {
    streams.forEach(SseReader::close);
    nodes.forEach(TestHub::close);
  }

  @Test
  void anyNodeTakesAnyWebhookAndEveryStreamCarriesEveryChangeOnceInLogOrder() throws Exception {
    DatabaseSettings database = TestDatabases.postgres().orElseThrow();
    startAtOnce(database);
    String token = nodes.get(0).hub.tenants().rotateToken("default").token();
    for (TestHub node : nodes) {
      streams.add(
          new SseReader(node.client(), node.hub.baseUrl() + "/v1/stream", TestHub.API_TOKEN, null));
    }
    for (SseReader stream : streams) {
      assertThat(stream.status()).isEqualTo(200); // every change after the headers is sent
    }

    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      int call = i;
      calls.add(
          CompletableFuture.runAsync(
              () -> {
                for (String webhook : webhooksOf(call)) {
                  TestHub node = nodes.get(Math.floorMod(next.getAndIncrement(), NODES));
                  TestHub.Reply reply =
                      node.get(
                          node.hub.baseUrl() + "/hooks/" + token + TestHub.escape(webhook), false);
                  assertThat(reply.status()).as(webhook + ": " + reply.body()).isEqualTo(200);
                }
              },
              senders));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
    senders.shutdown();

    for (TestHub node : nodes) {
      for (int i = 0; i < CALLS; i++) {
        JsonNode call = node.api("/v1/calls/" + callId(i)).json().get("call");
        assertThat(call.get("state").asText()).as(callId(i)).isEqualTo("ended");
        assertThat(call.get("outcome").asText()).isEqualTo("answered");
        assertThat(call.get("answered_by").asText()).isEqualTo(extension(i));
        assertThat(call.get("billsec").asInt()).isEqualTo(30 + i);
        assertThat(call.get("attempts")).hasSize(1);
      }
    }

    List<String> committed =
        nodes
            .get(0)
            .hub
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select seq, kind, data from changes order by seq, n")
                        .map(
                            (rs, ctx) ->
                                rs.getLong("seq")
                                    + " "
                                    + rs.getString("kind")
                                    + " "
                                    + key(rs.getString("data")))
                        .list());
    assertThat(committed).hasSizeGreaterThan(CALLS * 4);
    for (SseReader stream : streams) {
      List<String> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                stream.drainTo(
                    event -> seen.add(event.id() + " " + event.name() + " " + key(event.data())));
                assertThat(seen).hasSameSizeAs(committed);
              });
      assertThat(seen).as("one node's stream").containsExactlyElementsOf(committed);
    }
  }

  private void startAtOnce(DatabaseSettings database) throws Exception {
    UnaryOperator<dev.switchboard.hub.config.HubConfig> same = config -> config;
    List<CompletableFuture<TestHub>> starting = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      starting.add(
          CompletableFuture.supplyAsync(() -> TestHub.start(database, Clock.systemUTC(), same)));
    }
    for (CompletableFuture<TestHub> node : starting) {
      nodes.add(node.get());
    }
    assertThat(nodes.stream().filter(n -> n.hub.startup().defaultTenant().isPresent()))
        .as("the default tenant is created by exactly one of the nodes started at once")
        .hasSize(1);
  }

  private static List<String> webhooksOf(int call) {
    String id = callId(call);
    String phone = "09383600" + String.format("%02d", call);
    String ext = extension(call);
    return List.of(
        "/api/callcenter/call_in?phone="
            + phone
            + "&queue=999&extension="
            + ext
            + "&callid="
            + id
            + "&event=RINGING&did=19002028",
        "/api/Agent/ChangeStatus?extension=" + ext + "&status=ring",
        "/api/callcenter/call_in?phone="
            + phone
            + "&queue=999&extension="
            + ext
            + "&callid="
            + id
            + "&event=ANSWER&did=19002028",
        "/api/Agent/ChangeStatus?extension=" + ext + "&status=talk",
        "/api/callcenter/hangup?callid=" + id,
        "/api/Agent/ChangeStatus?extension=" + ext + "&status=on",
        "/api/callcenter/calldata?callid="
            + id
            + "&calldate=2024-03-01 13:15:40&duration="
            + (40 + call)
            + "&billsec="
            + (30 + call)
            + "&status=ANSWER&did=19002028&extension="
            + ext
            + "&phone="
            + phone
            + "&direction=Inbound");
  }

  private static String callId(int call) {
    return "cluster-call-" + call;
  }

  private static String extension(int call) {
    return Integer.toString(200 + call);
  }

  /** What a change is about, and its state: the same on the stream as in the table. */
  private static String key(String data) {
    try {
      return key(new com.fasterxml.jackson.databind.ObjectMapper().readTree(data));
    } catch (java.io.IOException notJson) {
      throw new AssertionError(notJson);
    }
  }

  private static String key(JsonNode data) {
    return data.path("callid").asText()
        + "/"
        + data.path("extension").asText()
        + "/"
        + data.path("state").asText()
        + data.path("status").asText();
  }
}
