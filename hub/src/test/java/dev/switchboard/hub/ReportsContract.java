package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.users.Role;
import dev.switchboard.hub.users.User;
import dev.switchboard.store.DatabaseSettings;
import dev.switchboard.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report figures and the KPI settings over real HTTP and a real database (issue 11), from
 * webhooks whose times a stepped clock sets, so every figure is known in advance: ten calls to
 * queue 999 on 1 March 2024 (Vietnam time): seven answered after waiting 5, 10, 15, 20, 25, 40 and
 * 60 s (four within 20 s), three abandoned after 3 (a short abandon), 30 and 90 s; and one call to
 * queue 998 that a supervisor of 999 must never see counted. Run against SQLite always and
 * PostgreSQL when {@code SWITCHBOARD_TEST_PG_URL} is set.
 */
abstract class ReportsContract {
  static final String PASSWORD = "a long password";
  static final String DAY = "from=2024-03-01&to=2024-03-01";

  // 10:00 in Vietnam (UTC+7).
  final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T03:00:00Z"));
  TestHub hub;
  private int calls;

  abstract DatabaseSettings newDatabase();

  @BeforeEach
  void start() {
    hub = TestHub.start(newDatabase(), clock, UnaryOperator.identity());
    add("an", "Nguyễn Văn An", Role.AGENT, "101", List.of("999"));
    add("sup999", "Trần Thị Bình", Role.SUPERVISOR, "100", List.of("999"));
    add("root", "Quản trị", Role.ADMIN, null, null);
    int[] waits = {5, 10, 15, 20, 25, 40, 60};
    int[] talks = {30, 60, 90, 120, 30, 60, 90};
    for (int i = 0; i < waits.length; i++) {
      // 102 is rung first and does not answer on the first two calls.
      answered("999", i < 4 ? "101" : "103", waits[i], talks[i], i < 2 ? "102" : null);
    }
    abandoned("999", 3);
    abandoned("999", 30);
    abandoned("999", 90);
    answered("998", "107", 100, 45, null);
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private void add(String name, String display, Role role, String extension, List<String> queues) {
    hub.hub
        .users()
        .add(
            new User(
                name,
                Tenant.DEFAULT_ID,
                display,
                role,
                Optional.ofNullable(extension),
                Optional.ofNullable(queues),
                "vi"),
            PASSWORD);
  }

  private void send(String webhook) {
    TestHub.Reply reply = hub.webhook(webhook);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  /** A call rung, answered after {@code wait} s by {@code agent}, talked {@code talk} s. */
  void answered(String queue, String agent, int wait, int talk, String missedBy) {
    String id = "r" + ++calls;
    String phone = "09383637" + String.format("%02d", calls);
    clock.advance(Duration.ofMinutes(1));
    if (missedBy != null) {
      send(
          "/api/callcenter/call_in?phone="
              + phone
              + "&queue="
              + queue
              + "&extension="
              + missedBy
              + "&callid="
              + id
              + "&event=RINGING");
      send(
          "/api/callcenter/calldata?callid="
              + id
              + "&status=NOANSWER&queue="
              + queue
              + "&extension="
              + missedBy
              + "&phone="
              + phone);
    }
    send(
        "/api/callcenter/call_in?phone="
            + phone
            + "&queue="
            + queue
            + "&extension="
            + agent
            + "&callid="
            + id
            + "&event=RINGING");
    clock.advance(Duration.ofSeconds(wait));
    send(
        "/api/callcenter/call_in?phone="
            + phone
            + "&queue="
            + queue
            + "&extension="
            + agent
            + "&callid="
            + id
            + "&event=ANSWER");
    clock.advance(Duration.ofSeconds(talk));
    send("/api/callcenter/hangup?callid=" + id);
    send(
        "/api/callcenter/calldata?callid="
            + id
            + "&calldate=2024-03-01 10:00:00&duration="
            + (wait + talk)
            + "&billsec="
            + talk
            + "&status=ANSWER&extension="
            + agent
            + "&phone="
            + phone
            + "&direction=Inbound");
  }

  /** A call abandoned in the queue after {@code wait} s (the PBX's holdtime). */
  String abandoned(String queue, int wait) {
    String id = "r" + ++calls;
    clock.advance(Duration.ofMinutes(1));
    send(
        "/api/callcenter/calldata?callid="
            + id
            + "&holdtime="
            + wait
            + "&status=ABANDON&queue="
            + queue
            + "&phone=09383637"
            + String.format("%02d", calls));
    return id;
  }

  ConsoleClient as(String username) {
    ConsoleClient browser = new ConsoleClient(hub.hub.baseUrl());
    var login = browser.logIn(username, PASSWORD);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return browser;
  }

  JsonNode report(String query) {
    TestHub.Reply reply = hub.api("/v1/reports?" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  static JsonNode row(JsonNode rows, String key, String value) {
    for (JsonNode row : rows) {
      if (row.path(key).asText().equals(value)) {
        return row;
      }
    }
    throw new AssertionError("no row with " + key + " = " + value + " in " + rows);
  }

  static void assertQueue999(JsonNode q) {
    assertThat(q.get("offered").asInt()).isEqualTo(10);
    assertThat(q.get("answered").asInt()).isEqualTo(7);
    assertThat(q.get("abandoned").asInt()).isEqualTo(3);
    assertThat(q.get("short_abandons").asInt()).isEqualTo(1);
    assertThat(q.get("answered_within_threshold").asInt()).isEqualTo(4);
    // Short abandons are left out of offered by default: 9 calls count.
    assertThat(q.get("service_level").asDouble()).isCloseTo(4.0 / 9, within(1e-9));
    assertThat(q.get("answer_rate").asDouble()).isCloseTo(7.0 / 9, within(1e-9));
    assertThat(q.get("abandon_rate").asDouble()).isCloseTo(2.0 / 9, within(1e-9));
    assertThat(q.get("asa_seconds").asDouble()).isCloseTo(175.0 / 7, within(1e-9));
    assertThat(q.get("longest_wait_seconds").asLong()).isEqualTo(90);
    assertThat(q.get("aht_seconds").asDouble()).isCloseTo(480.0 / 7, within(1e-9));
  }

  @Test
  void figuresOfScriptedCallsAreExactLiveAndFromRollups() {
    JsonNode live = report(DAY + "&queue=999");
    assertThat(live.get("buckets_counted_live").asInt()).isPositive();
    assertQueue999(live.get("totals"));
    assertQueue999(row(live.get("by_queue"), "queue", "999"));
    assertQueue999(row(live.get("by_day"), "day", "2024-03-01"));
    // Every call rang between 10:00 and 11:00 Vietnam time.
    assertQueue999(row(live.get("by_hour"), "hour", "10"));
    assertThat(row(live.get("by_hour"), "hour", "9").get("offered").asInt()).isZero();

    assertThat(hub.hub.reportRollups().runUntilClean()).isPositive();
    JsonNode rolled = report(DAY + "&queue=999");
    assertThat(rolled.get("buckets_counted_live").asInt()).isZero();
    assertThat(rolled.get("agent_days_from_day_totals").asInt()).isEqualTo(1);
    assertThat(rolled.get("totals")).isEqualTo(live.get("totals"));
    assertThat(rolled.get("by_agent")).isEqualTo(live.get("by_agent"));
    assertThat(rolled.get("by_hour")).isEqualTo(live.get("by_hour"));
  }

  @Test
  void dayTotalsFollowTheTimeZoneAndGiveTheSameAgentFigures() {
    hub.hub.reportRollups().runUntilClean();
    JsonNode inVietnam = report(DAY);
    assertThat(inVietnam.get("agent_days_from_day_totals").asInt()).isEqualTo(1);

    // The same calls seen from Paris (UTC+1 in March): they rang on 1 March there too, at 4 am.
    ConsoleClient root = as("root");
    var changed = root.change("PUT", "/v1/tenant", "{\"time_zone\":\"Europe/Paris\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    JsonNode fromBuckets = report(DAY);
    assertThat(fromBuckets.get("time_zone").asText()).isEqualTo("Europe/Paris");
    assertThat(fromBuckets.get("agent_days_from_day_totals").asInt())
        .as("the Vietnamese day's totals are not used for a Paris day")
        .isZero();
    assertThat(fromBuckets.get("by_agent")).isEqualTo(inVietnam.get("by_agent"));
    assertThat(row(fromBuckets.get("by_hour"), "hour", "4").get("offered").asInt()).isEqualTo(11);

    hub.hub.reportRollups().runUntilClean();
    JsonNode fromDays = report(DAY);
    assertThat(fromDays.get("agent_days_from_day_totals").asInt()).isEqualTo(1);
    assertThat(fromDays.get("by_agent")).isEqualTo(inVietnam.get("by_agent"));
    assertThat(fromDays.get("totals")).isEqualTo(inVietnam.get("totals"));
  }

  @Test
  void agentFiguresCountAnswersTalkAndMissedRings() {
    hub.hub.reportRollups().runUntilClean();
    JsonNode agents = report(DAY).get("by_agent");
    JsonNode an = row(agents, "agent", "101");
    assertThat(an.get("name").asText()).isEqualTo("Nguyễn Văn An");
    assertThat(an.get("answered").asInt()).isEqualTo(4);
    assertThat(an.get("talk_seconds").asLong()).isEqualTo(30 + 60 + 90 + 120);
    assertThat(an.get("missed").asInt()).isZero();
    assertThat(row(agents, "agent", "103").get("answered").asInt()).isEqualTo(3);
    assertThat(row(agents, "agent", "102").get("missed").asInt()).isEqualTo(2);
    assertThat(row(agents, "agent", "102").get("answered").asInt()).isZero();
    assertThat(row(agents, "agent", "107").get("answered").asInt()).isEqualTo(1);
  }

  @Test
  void occupancyAndPauseComeFromTheStatusHistoryWithinTheRange() {
    // From midnight of 2 March: 101 available 10 min, talking 30 min, paused 20 min, available
    // until now.
    clock.advance(Duration.between(clock.instant(), Instant.parse("2024-03-01T17:00:00Z")));
    send("/api/Agent/ChangeStatus?extension=101&status=on");
    clock.advance(Duration.ofMinutes(10));
    send("/api/Agent/ChangeStatus?extension=101&status=talk");
    clock.advance(Duration.ofMinutes(30));
    send("/api/Agent/ChangeStatus?extension=101&status=pause");
    clock.advance(Duration.ofMinutes(20));
    send("/api/Agent/ChangeStatus?extension=101&status=on");
    clock.advance(Duration.ofMinutes(10));
    JsonNode an = row(report("from=2024-03-02&to=2024-03-02").get("by_agent"), "agent", "101");
    assertThat(an.get("status_talk_seconds").asLong()).isEqualTo(30 * 60);
    assertThat(an.get("available_seconds").asLong()).isEqualTo(20 * 60);
    assertThat(an.get("pause_seconds").asLong()).isEqualTo(20 * 60);
    assertThat(an.get("occupancy").asDouble()).isCloseTo(30.0 / 50, within(1e-9));
    // The next day starts with the status in effect at midnight: available all along.
    clock.advance(Duration.ofDays(2));
    JsonNode next = row(report("from=2024-03-03&to=2024-03-03").get("by_agent"), "agent", "101");
    assertThat(next.get("status_talk_seconds").asLong()).isZero();
    assertThat(next.get("available_seconds").asLong()).isEqualTo(24 * 3600);
  }

  @Test
  void aCallChangedWhileItsBucketIsCountedLeavesTheBucketToTheNextRun() {
    hub.hub.reportRollups().runUntilClean();
    clock.advance(Duration.ofMinutes(1));
    send(
        "/api/callcenter/call_in?phone=0938000002&queue=999&extension=101&callid=meanwhile&event=RINGING");
    // The rollups count the bucket with the call ringing; the call is abandoned before they write.
    boolean[] abandoned = {false};
    hub.hub
        .reportRollups()
        .runOnce(
            () -> {
              if (!abandoned[0]) {
                abandoned[0] = true;
                send(
                    "/api/callcenter/calldata?callid=meanwhile&holdtime=20&status=ABANDON&queue=999"
                        + "&phone=0938000002");
              }
            });
    assertThat(abandoned[0]).isTrue();
    JsonNode live = report(DAY + "&queue=999");
    assertThat(live.get("buckets_counted_live").asInt())
        .as("a count older than the bucket's last change is not kept")
        .isEqualTo(1);
    assertThat(live.get("totals").get("abandoned").asInt()).isEqualTo(4);

    hub.hub.reportRollups().runUntilClean();
    JsonNode rolled = report(DAY + "&queue=999");
    assertThat(rolled.get("buckets_counted_live").asInt()).isZero();
    assertThat(rolled.get("totals")).isEqualTo(live.get("totals"));
    assertThat(rolled.get("by_agent")).isEqualTo(live.get("by_agent"));
  }

  @Test
  void aLateEventChangesTheOldBucketsFigures() {
    // A call rings at 10:40 and is never heard of again, until an hour later.
    clock.advance(Duration.ofMinutes(1));
    send(
        "/api/callcenter/call_in?phone=0938000001&queue=999&extension=101&callid=late&event=RINGING");
    hub.hub.reportRollups().runUntilClean();
    JsonNode before = report(DAY + "&queue=999").get("totals");
    assertThat(before.get("offered").asInt()).isEqualTo(11);
    assertThat(before.get("abandoned").asInt()).isEqualTo(3);

    clock.advance(Duration.ofHours(1));
    send(
        "/api/callcenter/calldata?callid=late&holdtime=45&status=ABANDON&queue=999&phone=0938000001");
    JsonNode after = report(DAY + "&queue=999");
    assertThat(after.get("totals").get("offered").asInt()).isEqualTo(11);
    assertThat(after.get("totals").get("abandoned").asInt()).isEqualTo(4);
    assertThat(after.get("buckets_counted_live").asInt()).isEqualTo(1);
    assertThat(after.get("agent_days_from_day_totals").asInt())
        .as("a day with a bucket out of date is summed from its buckets")
        .isZero();
    hub.hub.reportRollups().runUntilClean();
    JsonNode rolled = report(DAY + "&queue=999");
    assertThat(rolled.get("buckets_counted_live").asInt()).isZero();
    assertThat(rolled.get("agent_days_from_day_totals").asInt()).isEqualTo(1);
    assertThat(rolled.get("totals")).isEqualTo(after.get("totals"));
    assertThat(rolled.get("by_agent")).isEqualTo(after.get("by_agent"));
  }

  @Test
  void kpiSettingsChangeTheFiguresAtOnceAndAreAudited() {
    hub.hub.reportRollups().runUntilClean();
    ConsoleClient root = as("root");
    assertThat(root.get("/v1/settings/kpi").json().toString())
        .isEqualTo(
            "{\"service_level_seconds\":20,\"short_abandon_seconds\":5,"
                + "\"short_abandons_excluded\":true,\"service_level_denominator\":\"offered\"}");
    var put =
        root.change(
            "PUT",
            "/v1/settings/kpi",
            "{\"service_level_seconds\":30,\"short_abandons_excluded\":false}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode q = report(DAY + "&queue=999").get("totals");
    // 5, 10, 15, 20 and 25 s are within 30 s; 10 calls count now.
    assertThat(q.get("service_level").asDouble()).isCloseTo(5.0 / 10, within(1e-9));
    assertThat(q.get("abandon_rate").asDouble()).isCloseTo(3.0 / 10, within(1e-9));
    assertThat(q.get("service_level_seconds").asInt()).isEqualTo(30);

    put =
        root.change(
            "PUT",
            "/v1/settings/kpi",
            "{\"service_level_denominator\":\"answered_and_late_abandons\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    // Answered within 30 s / (7 answered + 1 abandoned after 30 s: the 90 s one).
    q = report(DAY + "&queue=999").get("totals");
    assertThat(q.get("service_level").asDouble()).isCloseTo(5.0 / 8, within(1e-9));

    JsonNode audit = hub.api("/v1/audit").json();
    assertThat(audit.toString()).contains("kpi_settings").contains("root");
    // The wallboard's today follows the same settings.
    JsonNode wallboard = root.get("/v1/wallboard").json();
    JsonNode card = row(wallboard.get("queues"), "queue", "999").get("today");
    assertThat(card.get("service_level_seconds").asInt()).isEqualTo(30);
    assertThat(card.get("service_level").asDouble()).isCloseTo(5.0 / 8, within(1e-9));
  }

  @Test
  void kpiSettingsRefuseBadValuesAndNonAdmins() {
    ConsoleClient root = as("root");
    for (String body :
        List.of(
            "{\"service_level_seconds\":0}",
            "{\"service_level_seconds\":\"20\"}",
            "{\"short_abandon_seconds\":-1}",
            "{\"short_abandons_excluded\":\"yes\"}",
            "{\"service_level_denominator\":\"handled\"}",
            "{\"colour\":\"red\"}",
            "not json")) {
      var reply = root.change("PUT", "/v1/settings/kpi", body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).as(body).isNotBlank();
    }
    var named = root.change("PUT", "/v1/settings/kpi", "{\"short_abandon_seconds\":500}");
    assertThat(named.body()).contains("short_abandon_seconds");
    assertThat(root.get("/v1/settings/kpi").json().get("short_abandon_seconds").asInt())
        .isEqualTo(5);
    var sup = as("sup999");
    assertThat(sup.get("/v1/settings/kpi").status()).isEqualTo(200);
    assertThat(sup.change("PUT", "/v1/settings/kpi", "{\"service_level_seconds\":30}").status())
        .isEqualTo(403);
    assertThat(as("an").get("/v1/settings/kpi").status()).isEqualTo(200);
  }

  @Test
  void aSupervisorOf999NeverGetsAFigureOf998() {
    ConsoleClient sup = as("sup999");
    for (boolean rolled : new boolean[] {false, true}) {
      if (rolled) {
        hub.hub.reportRollups().runUntilClean();
      }
      JsonNode report = sup.get("/v1/reports?" + DAY).json();
      List<String> queues = new ArrayList<>();
      report.get("by_queue").forEach(q -> queues.add(q.get("queue").asText()));
      assertThat(queues).containsExactly("999");
      assertQueue999(report.get("totals"));
      List<String> agents = new ArrayList<>();
      report.get("by_agent").forEach(a -> agents.add(a.get("agent").asText()));
      assertThat(agents).doesNotContain("107").contains("101", "102", "103");
      assertThat(sup.get("/v1/reports/agents.csv?" + DAY).body()).doesNotContain("107");
    }
    var refused = sup.get("/v1/reports?" + DAY + "&queue=998");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("998");
    assertThat(sup.get("/v1/reports/queues?" + DAY + "&queue=999,998").status()).isEqualTo(403);
    assertThat(as("an").get("/v1/reports?" + DAY).status()).isEqualTo(403);
    JsonNode admin = as("root").get("/v1/reports?" + DAY).json();
    assertThat(row(admin.get("by_queue"), "queue", "998").get("offered").asInt()).isEqualTo(1);
    assertThat(admin.get("totals").get("offered").asInt()).isEqualTo(11);
  }

  @Test
  void badRangesAreRefusedNamingTheParameter() {
    record Bad(String query, String names) {}
    for (Bad bad :
        List.of(
            new Bad("from=2024-03-02&to=2024-03-01", "from"),
            new Bad("from=2023-01-01&to=2024-03-01", "366"),
            new Bad("from=2024-02-30&to=2024-03-01", "from"),
            new Bad("from=2024-03-01&to=tomorrow", "to"),
            new Bad("from=2024-03-01&queue=9%2099", "queue"))) {
      TestHub.Reply reply = hub.api("/v1/reports?" + bad.query());
      assertThat(reply.status()).as(bad.query()).isEqualTo(400);
      assertThat(reply.json().path("error").asText()).as(bad.query()).contains(bad.names());
    }
    assertThat(hub.api("/v1/reports/weeks?" + DAY).status()).isEqualTo(404);
    assertThat(report("from=2023-03-02&to=2024-03-01").get("by_day").size()).isEqualTo(366);
  }

  @Test
  void csvExportsKeepVietnameseForExcel() {
    ConsoleClient root = as("root");
    var csv = root.get("/v1/reports/agents.csv?" + DAY);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("\ufeffagent,name,answered,missed");
    assertThat(csv.body()).contains("101,Nguyễn Văn An,4,0,300");
    var queues = root.get("/v1/reports/queues?format=csv&" + DAY);
    assertThat(queues.body().lines().toList()).hasSize(3);
    assertThat(root.get("/v1/reports/days.csv?" + DAY).body()).contains("2024-03-01,11,8,3,1");
    assertThat(root.get("/v1/reports/hours.csv?" + DAY).body().lines().toList()).hasSize(25);
    assertThat(root.get("/v1/reports/hours?" + DAY).json().get("rows").size()).isEqualTo(24);
  }
}
