package dev.switchboard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The statements a hub's writer really runs for a many-agent mix with a stream client listening (so
 * screen-pops are built), captured from JDBI as it runs them: what the plan tests explain.
 */
final class WritePathStatements {
  private WritePathStatements() {}

  /**
   * Sends a contact, a stream client and the mix to {@code hub} (a fresh one: the logger is set
   * before the writer opens its connection with its first batch) and returns every statement
   * EXPLAIN can plan that ran meanwhile, in the order first run.
   */
  static List<String> capture(TestHub hub) throws Exception {
    Set<String> statements = new LinkedHashSet<>();
    hub.hub
        .database()
        .jdbi()
        .getConfig(SqlStatements.class)
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logBeforeExecution(StatementContext context) {
                synchronized (statements) {
                  statements.add(context.getParsedSql().getSql());
                }
              }
            });
    assertThat(
            hub.api("POST", "/v1/contacts", "{\"name\":\"Khách A\",\"phones\":[\"0938363739\"]}")
                .status())
        .isEqualTo(201);
    try (SseReader stream =
        new SseReader(hub.client(), hub.hub.baseUrl() + "/v1/stream", TestHub.API_TOKEN, null)) {
      assertThat(stream.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> streamClients(hub) == 1);
      sendMix(hub);
      stream.next("screen_pop", Duration.ofSeconds(10));
    }
    synchronized (statements) {
      // Only what EXPLAIN can plan: a NOTIFY (the shared changes' wake-up) has no plan.
      return statements.stream()
          .filter(sql -> sql.matches("(?is)\\s*(select|insert|update|delete|with)\\b.*"))
          .toList();
    }
  }

  /**
   * One call of the lua mix (../shared/load/webhooks.lua), a ring notification and an idle agent.
   */
  private static void sendMix(TestHub hub) {
    List<String> paths = new ArrayList<>();
    // An agent the writer has not seen: its status asks the log for the extension's latest event.
    paths.add("/api/Agent/ChangeStatus?extension=199&status=off");
    for (int call = 1; call <= 3; call++) {
      String id = "plan-" + call;
      String ext = String.valueOf(100 + call);
      paths.add(
          "/api/callcenter/call_in?phone=0938363739&queue=999&extension="
              + ext
              + "&callid="
              + id
              + "&event=RINGING&did=19002028");
      paths.add("/api/Agent/ChangeStatus?extension=" + ext + "&status=ring");
      paths.add(
          "/api/callcenter/call_in?phone=0938363739&queue=999&extension="
              + ext
              + "&callid="
              + id
              + "&event=ANSWER&did=19002028");
      paths.add("/api/Agent/ChangeStatus?extension=" + ext + "&status=talk");
      paths.add("/api/callcenter/hangup?callid=" + id);
      paths.add(
          "/api/callcenter/calldata?callid="
              + id
              + "&calldate=2024-03-01%2013:15:40&duration=50&billsec=37&status=ANSWER"
              + "&did=19002028&extension="
              + ext
              + "&phone=0938363739&direction=Inbound");
      paths.add("/api/Agent/ChangeStatus?extension=" + ext + "&status=on");
    }
    paths.add("/api/callcenter/call_in?phone=0912345678&queue=999");
    paths.add(
        "/api/callcenter/call_in?phone=0938363739&queue=999&extension=104&callid=plan-4"
            + "&event=RINGING&did=19002028");
    for (String path : paths) {
      TestHub.Reply reply = hub.webhook(path);
      assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
    }
  }

  private static int streamClients(TestHub hub) {
    return hub.get(hub.hub.baseUrl() + "/metrics", false)
        .body()
        .lines()
        .filter(l -> l.startsWith("switchboard_stream_clients"))
        .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }
}
