package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.hub.tenants.SourceNetworks;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub over real HTTP and a real database. Run against SQLite always and PostgreSQL when {@code
 * SWITCHBOARD_TEST_PG_URL} is set.
 */
abstract class HubContract {
  static final String CALL = "5e012a75-121b-4c10-bdb4-c4b235b6a677";

  /** Every webhook URL of both seed documents, verbatim after the CRM base URL. */
  static final List<String> SEED_PATHS =
      List.of(
          "/api/callcenter/call_in?phone=093xxxxxxx&extension=101&callid={ID_Call}",
          "/api/callcenter/hangup?callid={ID_Call}",
          "/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&duration=11&status=ANSWERED&extension=101&phone=093xxxxxxx&recordingfile=https://ip_tong_dai/link_file_ghi_am",
          "/api/callcenter/calldata?callid={ID_Call}&calldate=2020-10-10-10:10:10&holdtime=30&status=ABANDON&queue=999&phone=093xxxxxxx",
          "/api/callcenter/calldata?callid={ID_Call}&status=ANSWER&queue=999&extension=100&phone=0938xxxxxxTrong đó :",
          "/api/callcenter/init?extension=100&phone=093xxxxxxx&callid={ID_Call}&event={status}",
          "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER&did=19002028",
          "/api/callcenter/hangup?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677",
          "/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&calldate=2024-03-01 13:15:40&duration=50&billsec=37&status=ANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/play_audio/data/5e012a75-121b-4c10-bdb4-c4b235b6a677",
          "/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&holdtime=60&status=ABANDON&queue=999&phone=0938363739",
          "/api/callcenter/calldata?callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&status=NOANSWER&queue=999&extension=101&phone=0938363739",
          "/api/callcenter/init?extension=101&phone=0938363739&callid=5e012a75-121b-4c10-bdb4-c4b235b6a677&event=ANSWER",
          "/api/Agent/ChangeStatus?extension=101&status=talk");

  static final String OK = "{\"status code\":200,\"message\":\"OK\"}";

  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T06:15:00Z"));
  TestHub hub;
  DatabaseSettings database;

  /** A fresh, empty database for one test. */
  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    database = newDatabase();
    hub = TestHub.start(database, clock, UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  void restart(UnaryOperator<HubConfig> tune) {
    hub.close();
    String base = hub.webhookBase.substring(hub.webhookBase.indexOf("/hooks/"));
    hub = TestHub.start(database, clock, tune);
    restoredBase = base;
  }

  private String restoredBase;

  TestHub.Reply send(String pathAndQuery) {
    if (restoredBase != null) {
      return hub.get(hub.hub.baseUrl() + restoredBase + TestHub.escape(pathAndQuery), false);
    }
    return hub.webhook(pathAndQuery);
  }

  JsonNode call(String callId) {
    TestHub.Reply reply = hub.api("/v1/calls/" + TestHub.escape(callId));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("call");
  }

  long eventCount(String callId) {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select count(*) from events where callid = :c")
                    .bind("c", callId)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void everySeedExampleIsAcceptedAsAPbxSendsIt() {
    for (String path : SEED_PATHS) {
      TestHub.Reply reply = send(path);
      assertThat(reply.status()).as(path + " -> " + reply.body()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo(OK);
    }
    assertThat(hub.api("/v1/calls").json().get("calls")).hasSize(2);
  }

  @Test
  void answeredInboundCallBecomesOneCompleteRecord() {
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid="
            + CALL
            + "&event=RINGING&did=19002028");
    clock.advance(Duration.ofSeconds(5));
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid="
            + CALL
            + "&event=ANSWER&did=19002028");
    clock.advance(Duration.ofSeconds(37));
    send("/api/callcenter/hangup?callid=" + CALL);
    send(SEED_PATHS.get(8));

    JsonNode call = call(CALL);
    assertThat(call.get("direction").asText()).isEqualTo("inbound");
    assertThat(call.at("/customer/phone").asText()).isEqualTo("+84938363739");
    assertThat(call.at("/customer/raw").asText()).isEqualTo("0938363739");
    assertThat(call.get("did").asText()).isEqualTo("19002028");
    assertThat(call.get("queue").asText()).isEqualTo("999");
    assertThat(call.get("state").asText()).isEqualTo("ended");
    assertThat(call.get("outcome").asText()).isEqualTo("answered");
    assertThat(call.get("answered_by").asText()).isEqualTo("101");
    assertThat(call.get("attempts")).hasSize(1);
    assertThat(call.at("/attempts/0/result").asText()).isEqualTo("answered");
    assertThat(call.get("ringing_at").asText()).isEqualTo("2024-03-01T06:15:00Z");
    assertThat(call.get("answered_at").asText()).isEqualTo("2024-03-01T06:15:05Z");
    assertThat(call.get("calldate").asText()).isEqualTo("2024-03-01T06:15:40Z");
    assertThat(call.get("duration").asInt()).isEqualTo(50);
    assertThat(call.get("billsec").asInt()).isEqualTo(37);
    assertThat(call.get("recording_url").asText()).endsWith(CALL);
  }

  @Test
  void callDetailShowsEveryEventWithItsRawText() {
    send(SEED_PATHS.get(6));
    send(SEED_PATHS.get(8));
    JsonNode detail = hub.api("/v1/calls/" + CALL).json();
    assertThat(detail.get("events")).hasSize(2);
    assertThat(detail.at("/events/1/type").asText()).isEqualTo("call_record");
    assertThat(detail.at("/events/1/raw/text").asText()).contains("calldate=2024-03-01%2013:15:40");
    assertThat(detail.at("/events/1/fields/calldate").asText()).isEqualTo("2024-03-01T06:15:40Z");
  }

  @Test
  void duplicateWebhookIsAcknowledgedAndStoredOnce() {
    assertThat(send(SEED_PATHS.get(6)).body()).isEqualTo(OK);
    assertThat(send(SEED_PATHS.get(6)).body()).isEqualTo(OK);
    assertThat(eventCount(CALL)).isEqualTo(1);
  }

  @Test
  void hangupBeforeCallInConvergesToTheSameRecord() {
    send("/api/callcenter/hangup?callid=b1");
    send(
        "/api/callcenter/calldata?callid=b1&calldate=2024-03-01 13:15:40&duration=20&billsec=0&status=NOANSWER&did=19002028&extension=101&phone=0938363739&direction=Inbound");
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=b1&event=RINGING&did=19002028");
    JsonNode call = call("b1");
    assertThat(call.get("state").asText()).isEqualTo("ended");
    assertThat(call.get("outcome").asText()).isEqualTo("missed");
    assertThat(call.at("/attempts/0/result").asText()).isEqualTo("no_answer");
  }

  @Test
  void wrongTokenGetsTheSeedErrorAndStoresNothing() {
    TestHub.Reply reply =
        hub.get(
            hub.hub.baseUrl() + "/hooks/not-a-token" + TestHub.escape(SEED_PATHS.get(7)), false);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body())
        .isEqualTo("{\"status code\":404,\"message\":\"unknown webhook token\"}");
    assertThat(eventCount(CALL)).isZero();
  }

  @Test
  void badFieldIsRefusedByNameAndNothingIsStored() {
    TestHub.Reply reply =
        send("/api/callcenter/calldata?callid=bad1&calldate=2024-13-01 10:00:00&duration=5");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText())
        .startsWith("field calldate: '2024-13-01 10:00:00' is not a date");
    assertThat(reply.json().get("status code").asInt()).isEqualTo(404);
    assertThat(eventCount("bad1")).isZero();
  }

  @Test
  void oversizedBodyIsRefusedAndNothingIsStored() {
    String body = "{\"callid\":\"big1\",\"note\":\"" + "x".repeat(70_000) + "\"}";
    TestHub.Reply reply = hub.postWebhook("/api/callcenter/hangup", "application/json", body);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().get("message").asText()).contains("larger than");
    assertThat(eventCount("big1")).isZero();
  }

  @Test
  void jsonAndFormBodiesAreAccepted() {
    assertThat(
            hub.postWebhook(
                    "/api/callcenter/call_in",
                    "application/json",
                    "{\"phone\":\"0938363739\",\"extension\":\"101\",\"callid\":\"j1\",\"event\":\"RINGING\"}")
                .body())
        .isEqualTo(OK);
    assertThat(
            hub.postWebhook(
                    "/api/callcenter/hangup", "application/x-www-form-urlencoded", "callid=j1")
                .body())
        .isEqualTo(OK);
    assertThat(call("j1").get("state").asText()).isEqualTo("ended");
  }

  @Test
  void bareSeedPathsBelongToTheDefaultTenantFromLoopback() {
    TestHub.Reply reply = hub.get(hub.hub.baseUrl() + "/api/callcenter/hangup?callid=bare1", false);
    assertThat(reply.body()).isEqualTo(OK);
    assertThat(call("bare1").get("tenant").asText()).isEqualTo("default");
  }

  @Test
  void bareSeedPathsAreRefusedFromOtherSources() {
    restart(
        config ->
            config.withIntake(
                new HubConfig.Intake(SourceNetworks.parse("10.0.0.0/8"), 200, 2000, 10_000, 500)));
    TestHub.Reply reply = hub.get(hub.hub.baseUrl() + "/api/callcenter/hangup?callid=bare2", false);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText())
        .contains("bare webhook paths are served to 10.0.0.0/8 only");
    assertThat(eventCount("bare2")).isZero();
  }

  @Test
  void eventsAnotherProcessLoggedAreFoldedIntoTheCallsNextChange() {
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=other1"
            + "&event=RINGING&did=19002028");
    clock.advance(Duration.ofSeconds(5));
    // hub sync in another process logs the agent's answer: this hub's writer never sees it.
    hub.hub
        .database()
        .jdbi()
        .useTransaction(
            h -> {
              // As every writer of the log does: under its append lock, numbered above the last.
              h.execute("update append_lock set batches = batches + 1 where id = 1");
              h.execute(
                  "insert into"
                      + " events (seq, tenant_id, received_at, source, type, callid, extension,"
                      + " path, raw_format, raw, fields, dedupe_hash) values ((select"
                      + " coalesce(max(seq), 0) + 1 from events), 'default', ?,"
                      + " 'webhook', 'incoming_call', 'other1', '101', '/api/callcenter/call_in',"
                      + " 'query', 'phone=0938363739&queue=999&extension=101&callid=other1"
                      + "&event=ANSWER&did=19002028', '{}', 'logged-by-another-process')",
                  clock.millis());
            });
    clock.advance(Duration.ofSeconds(37));
    send("/api/callcenter/hangup?callid=other1");

    JsonNode call = call("other1");
    assertThat(call.get("outcome").asText()).isEqualTo("answered");
    assertThat(call.get("answered_by").asText()).isEqualTo("101");
  }

  @Test
  void rateLimitRefusesPastTheBurstAndStoresNothing() {
    restart(
        config ->
            config.withIntake(new HubConfig.Intake(SourceNetworks.loopback(), 1, 3, 10_000, 500)));
    for (int i = 0; i < 3; i++) {
      assertThat(send("/api/callcenter/hangup?callid=r" + i).status()).isEqualTo(200);
    }
    TestHub.Reply refused = send("/api/callcenter/hangup?callid=r9");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("message").asText()).contains("rate limit");
    assertThat(eventCount("r9")).isZero();
  }

  @Test
  void aTenantsWebhooksFromOutsideItsNetworksAreRefused() {
    var created =
        hub.hub
            .tenants()
            .create(
                new dev.switchboard.hub.tenants.Tenant(
                    "branch",
                    "Branch",
                    java.time.ZoneId.of("UTC"),
                    SourceNetworks.parse("10.0.0.0/8")));
    TestHub.Reply reply =
        hub.get(
            hub.hub.baseUrl() + "/hooks/" + created.token() + "/api/callcenter/hangup?callid=n1",
            false);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("message").asText()).contains("is not allowed for this tenant");
    assertThat(eventCount("n1")).isZero();
  }

  @Test
  void apiNeedsTheToken() {
    TestHub.Reply reply = hub.get(hub.hub.baseUrl() + "/v1/calls", false);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("error").asText()).contains("API token");
  }

  @Test
  void anExtensionsCallsArePagedNewestFirst() {
    for (int i = 0; i < 5; i++) {
      send(
          "/api/callcenter/call_in?phone=0938363739&queue=999&extension="
              + (i % 2 == 0 ? "105" : "106")
              + "&callid=e"
              + i
              + "&event=RINGING");
      clock.advance(Duration.ofSeconds(10));
    }
    JsonNode first = hub.api("/v1/calls?extension=105&limit=2").json();
    assertThat(first.get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("e4", "e2");
    JsonNode second =
        hub.api("/v1/calls?extension=105&limit=2&cursor=" + first.get("next_cursor").asText())
            .json();
    assertThat(second.get("calls")).extracting(c -> c.get("callid").asText()).containsExactly("e0");
    assertThat(second.get("next_cursor").isNull()).isTrue();
    assertThat(hub.api("/v1/calls?extension=106&from=2024-03-01T06:15:05Z").json().get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("e3", "e1");
  }

  @Test
  void callsAreFilteredAndPagedNewestFirst() {
    for (int i = 0; i < 5; i++) {
      send(
          "/api/callcenter/call_in?phone=09383637"
              + (30 + i)
              + "&queue="
              + (i % 2 == 0 ? "999" : "998")
              + "&extension=10"
              + i
              + "&callid=p"
              + i
              + "&event=RINGING");
      clock.advance(Duration.ofSeconds(10));
    }
    JsonNode first = hub.api("/v1/calls?limit=2").json();
    assertThat(first.get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p4", "p3");
    JsonNode second =
        hub.api("/v1/calls?limit=2&cursor=" + first.get("next_cursor").asText()).json();
    assertThat(second.get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p2", "p1");
    JsonNode third =
        hub.api("/v1/calls?limit=2&cursor=" + second.get("next_cursor").asText()).json();
    assertThat(third.get("calls")).extracting(c -> c.get("callid").asText()).containsExactly("p0");
    assertThat(third.get("next_cursor").isNull()).isTrue();
    assertThat(hub.api("/v1/calls?queue=998").json().get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p3", "p1");
    assertThat(hub.api("/v1/calls?extension=102").json().get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p2");
    assertThat(hub.api("/v1/calls?phone=%2B84938363731").json().get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p1");
    assertThat(
            hub.api("/v1/calls?from=2024-03-01T06:15:20Z&to=2024-03-01T06:15:40Z")
                .json()
                .get("calls"))
        .extracting(c -> c.get("callid").asText())
        .containsExactly("p3", "p2");
    assertThat(hub.api("/v1/calls?direction=outbound").json().get("calls")).isEmpty();
    assertThat(hub.api("/v1/calls?outcome=nonsense").status()).isEqualTo(400);
    assertThat(hub.api("/v1/calls?cursor=zzz").status()).isEqualTo(400);
  }

  @Test
  void agentBoardFollowsStatusChangesAndCalls() {
    send("/api/Agent/ChangeStatus?extension=101&status=on");
    send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=a1&event=RINGING");
    assertThat(agent("101").get("status").asText()).isEqualTo("ring");
    send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=a1&event=ANSWER");
    assertThat(agent("101").get("status").asText()).isEqualTo("talk");
    clock.advance(Duration.ofSeconds(30));
    send("/api/callcenter/hangup?callid=a1");
    assertThat(agent("101").get("status").asText()).isEqualTo("on");
    assertThat(agent("101").get("since").asText()).isEqualTo("2024-03-01T06:15:30Z");
    JsonNode history =
        hub.api("/v1/agents/101/history?from=2024-03-01T00:00:00Z").json().get("history");
    assertThat(history)
        .extracting(h -> h.get("status").asText())
        .containsExactly("on", "ring", "talk", "on");
  }

  @Test
  void agentIsFreedWhenTheStatusChangeCameBeforeTheCallIn() {
    send("/api/Agent/ChangeStatus?extension=101&status=ring");
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=v2a&event=RINGING");
    send("/api/Agent/ChangeStatus?extension=101&status=talk");
    send(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=v2a&event=ANSWER");
    assertThat(agent("101").get("callid").asText()).isEqualTo("v2a");
    send("/api/callcenter/hangup?callid=v2a");
    assertThat(agent("101").get("status").asText()).isEqualTo("on");
  }

  @Test
  void aRepeatedStatusAfterCallEventsCorrectsTheBoard() {
    send("/api/Agent/ChangeStatus?extension=108&status=on");
    send("/api/callcenter/call_in?phone=0938363739&extension=108&callid=r2&event=RINGING");
    assertThat(agent("108").get("status").asText()).isEqualTo("ring");
    send("/api/Agent/ChangeStatus?extension=108&status=on");
    assertThat(agent("108").get("status").asText()).isEqualTo("on");
    send("/api/Agent/ChangeStatus?extension=108&status=on");
    long stored =
        hub.hub
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from events where type = 'agent_status'")
                        .mapTo(Long.class)
                        .one());
    assertThat(stored).isEqualTo(2L);
  }

  long statusEvents(String extension) {
    return hub.hub
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select count(*) from events where type = 'agent_status' and extension = :e")
                    .bind("e", extension)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void aStatusDeliveredAgainAfterTheCallThatFreedTheAgentIsStoredOnce() {
    send("/api/callcenter/call_in?phone=0938363739&extension=109&callid=d1&event=RINGING");
    send("/api/Agent/ChangeStatus?extension=109&status=ring"); // the PBX's own report, later
    send("/api/callcenter/hangup?callid=d1"); // names no extension, frees 109
    assertThat(agent("109").get("status").asText()).isEqualTo("on");
    assertThat(send("/api/Agent/ChangeStatus?extension=109&status=ring").body()).isEqualTo(OK);
    assertThat(statusEvents("109")).isEqualTo(1L);
    assertThat(agent("109").get("status").asText()).isEqualTo("on");
  }

  @Test
  void theSameStatusAfterAnotherOfTheSameAgentIsANewEvent() {
    send("/api/Agent/ChangeStatus?extension=110&status=on");
    send("/api/Agent/ChangeStatus?extension=110&status=talk");
    send("/api/Agent/ChangeStatus?extension=110&status=on");
    send("/api/Agent/ChangeStatus?extension=110&status=on"); // a copy of the last
    assertThat(statusEvents("110")).isEqualTo(3L);
    assertThat(agent("110").get("status").asText()).isEqualTo("on");
    assertThat(hub.api("/v1/agents/110/history?from=2024-03-01T00:00:00Z").json().get("history"))
        .extracting(h -> h.get("status").asText())
        .containsExactly("on", "talk", "on");
  }

  @Test
  void aMissedCallKeepsItsCalldateAndEndsWhenTheCallerGaveUp() {
    send(
        "/api/callcenter/calldata?callid=m1&calldate=2024-03-01 10:00:00&holdtime=30&status=ABANDON&queue=999&phone=0938363739");
    JsonNode call = call("m1");
    assertThat(call.get("calldate").asText()).isEqualTo("2024-03-01T03:00:00Z");
    assertThat(call.get("ringing_at").asText()).isEqualTo("2024-03-01T03:00:00Z");
    assertThat(call.get("ended_at").asText()).isEqualTo("2024-03-01T06:15:00Z");
    assertThat(call.get("holdtime").asInt()).isEqualTo(30);
  }

  private JsonNode agent(String extension) {
    for (JsonNode agent : hub.api("/v1/agents").json().get("agents")) {
      if (agent.get("extension").asText().equals(extension)) {
        return agent;
      }
    }
    throw new AssertionError("no agent " + extension);
  }

  @Test
  void contactsAreCreatedMatchedUpdatedAndDeleted() {
    TestHub.Reply created =
        hub.api(
            "POST",
            "/v1/contacts",
            "{\"name\":\"Nguyễn Văn A\",\"company\":\"ACME\",\"phones\":[\"0938 363 739\"],\"external_id\":\"crm-1\",\"external_url\":\"https://crm.example.com/c/1\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(hub.api("/v1/contacts?phone=%2B84938363739").json().get("contacts"))
        .extracting(c -> c.get("name").asText())
        .containsExactly("Nguyễn Văn A");
    assertThat(hub.api("/v1/contacts?phone=84938363739").json().get("contacts")).hasSize(1);
    TestHub.Reply updated =
        hub.api(
            "PUT", "/v1/contacts/" + id, "{\"name\":\"Nguyễn Văn B\",\"phones\":[\"0938363739\"]}");
    assertThat(updated.json().get("name").asText()).isEqualTo("Nguyễn Văn B");
    assertThat(hub.api("POST", "/v1/contacts", "{\"name\":\"\",\"phones\":[]}").status())
        .isEqualTo(400);
    assertThat(hub.api("DELETE", "/v1/contacts/" + id, null).status()).isEqualTo(204);
    assertThat(hub.api("/v1/contacts?phone=0938363739").json().get("contacts")).isEmpty();
  }

  @Test
  void streamPushesChangesLiveAndResumesWithNothingMissed() throws Exception {
    hub.api("POST", "/v1/contacts", "{\"name\":\"Khách A\",\"phones\":[\"0938363739\"]}");
    String url = hub.hub.baseUrl() + "/v1/stream";
    String lastId;
    try (SseReader stream = new SseReader(hub.client(), url, TestHub.API_TOKEN, null)) {
      assertThat(stream.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> streamClients() == 1);
      send(
          "/api/callcenter/call_in?phone=0938363739&queue=999&extension=101&callid=s1&event=RINGING");
      SseReader.Event callEvent = stream.next("call", Duration.ofSeconds(5));
      assertThat(callEvent.data().get("callid").asText()).isEqualTo("s1");
      SseReader.Event pop = stream.next("screen_pop", Duration.ofSeconds(5));
      assertThat(pop.data().at("/contact/name").asText()).isEqualTo("Khách A");
      assertThat(pop.data().get("extension").asText()).isEqualTo("101");
      assertThat(pop.id()).isEqualTo(callEvent.id());
      lastId = callEvent.id();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> streamClients() == 0);
    send("/api/callcenter/hangup?callid=s1");
    send("/api/Agent/ChangeStatus?extension=102&status=pause");
    try (SseReader resumed = new SseReader(hub.client(), url, TestHub.API_TOKEN, lastId)) {
      SseReader.Event missed = resumed.next("call", Duration.ofSeconds(5));
      assertThat(missed.data().get("state").asText()).isEqualTo("ended");
      assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(lastId));
      SseReader.Event agent = resumed.next("agent", Duration.ofSeconds(5));
      assertThat(agent.data().get("extension").asText()).isIn("101", "102");
    }
  }

  @Test
  void resumeReplaysTheAgentFreedByAHangup() throws Exception {
    send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=h1&event=ANSWER");
    String lastId =
        Long.toString(
            hub.hub
                .database()
                .jdbi()
                .withHandle(
                    h -> h.createQuery("select max(seq) from events").mapTo(Long.class).one()));
    send("/api/callcenter/hangup?callid=h1");
    try (SseReader resumed =
        new SseReader(hub.client(), hub.hub.baseUrl() + "/v1/stream", TestHub.API_TOKEN, lastId)) {
      SseReader.Event agent = resumed.next("agent", Duration.ofSeconds(5));
      assertThat(agent.data().get("extension").asText()).isEqualTo("101");
      assertThat(agent.data().get("status").asText()).isEqualTo("on");
    }
  }

  @Test
  void malformedLastEventIdIsABadRequest() {
    var reply =
        hub.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(hub.hub.baseUrl() + "/v1/stream"))
                .header("Authorization", "Bearer " + TestHub.API_TOKEN)
                .header("Last-Event-ID", "yesterday"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).contains("Last-Event-ID");
  }

  @Test
  void unknownEndpointIsAJsonError() {
    TestHub.Reply reply = hub.api("/v1/nothing-here");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("error").asText()).contains("GET /v1/nothing-here");
  }

  @Test
  void aContactPhoneNoCallerCanMatchIsRefusedNamingTheField() {
    TestHub.Reply reply =
        hub.api("POST", "/v1/contacts", "{\"name\":\"A\",\"phones\":[\"not-a-phone\"]}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText())
        .isEqualTo(
            "phones: 'not-a-phone' is not a phone number a caller can be matched by (no"
                + " international form and fewer than 9 digits)");
    assertThat(hub.api("/v1/contacts").json().get("contacts")).isEmpty();
  }

  @Test
  void deletingAnotherTenantsContactChangesNothing() {
    hub.hub
        .tenants()
        .create(
            new dev.switchboard.hub.tenants.Tenant(
                "other", "Other", java.time.ZoneId.of("UTC"), SourceNetworks.any()));
    long id =
        hub.api("POST", "/v1/contacts", "{\"name\":\"Kept\",\"phones\":[\"0938363739\"]}")
            .json()
            .get("id")
            .asLong();
    assertThat(hub.api("DELETE", "/v1/contacts/" + id + "?tenant=other", null).status())
        .isEqualTo(404);
    TestHub.Reply kept = hub.api("/v1/contacts/" + id);
    assertThat(kept.status()).isEqualTo(200);
    assertThat(kept.json().get("phones")).hasSize(1);
  }

  @Test
  void streamFiltersByExtension() throws Exception {
    try (SseReader stream =
        new SseReader(
            hub.client(),
            hub.hub.baseUrl() + "/v1/stream?extension=102",
            TestHub.API_TOKEN,
            null)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> streamClients() == 1);
      send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=f1&event=RINGING");
      send("/api/callcenter/call_in?phone=0938363739&extension=102&callid=f2&event=RINGING");
      assertThat(stream.next("call", Duration.ofSeconds(5)).data().get("callid").asText())
          .isEqualTo("f2");
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

  @Test
  void callsThatNeverEndAreSweptToUnknown() {
    send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=stuck1&event=RINGING");
    send("/api/callcenter/call_in?phone=0938363739&extension=101&callid=fresh1&event=RINGING");
    clock.advance(Duration.ofHours(3));
    send("/api/callcenter/call_in?phone=0938363739&extension=102&callid=fresh2&event=RINGING");
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(hub.hub.sweeper().runOnce()).isEqualTo(2);
    assertThat(call("stuck1").get("outcome").asText()).isEqualTo("unknown");
    assertThat(call("stuck1").get("state").asText()).isEqualTo("ended");
    assertThat(call("fresh2").get("state").asText()).isEqualTo("ringing");
    assertThat(hub.hub.sweeper().runOnce()).isZero();
  }

  @Test
  void acceptedEventsSurviveARestart() {
    send(SEED_PATHS.get(6));
    send(SEED_PATHS.get(8));
    restart(UnaryOperator.identity());
    assertThat(call(CALL).get("outcome").asText()).isEqualTo("answered");
    assertThat(send(SEED_PATHS.get(7)).body()).isEqualTo(OK);
  }

  @Test
  void healthAndMetricsAnswer() {
    send(SEED_PATHS.get(7));
    send("/api/callcenter/hangup");
    assertThat(hub.get(hub.hub.baseUrl() + "/health", false).body())
        .isEqualTo("{\"status\":\"ok\"}");
    String metrics = hub.get(hub.hub.baseUrl() + "/metrics", false).body();
    assertThat(metrics)
        .contains("switchboard_events_accepted_total{outcome=\"stored\",type=\"hangup\"} 1.0");
    assertThat(metrics).contains("switchboard_events_rejected_total{reason=\"invalid\"} 1.0");
    assertThat(metrics).contains("switchboard_intake_latency_seconds");
  }
}
