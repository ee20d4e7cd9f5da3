package dev.switchboard.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.Hub;
import dev.switchboard.protocol.JsonMappers;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A month of generated calls in a hub's store, for {@code bench query}: two calls (one answered,
 * one abandoned) go in as webhooks, and the records the hub stored for them are the templates of
 * the generated ones, each with its own id, time, queue, agent, wait and talk time, written
 * straight to the tables in batches (the call index of its agent too, as the writer keeps it).
 */
final class GeneratedMonth {
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final LocalDate MONTH = LocalDate.of(2026, 11, 1);
  static final int QUEUES = 8;
  static final int AGENTS = 200;
  private static final int BATCH = 5_000;
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Hub hub;
  private final HttpClient http;
  private final String token;
  private final int calls;

  /** {@code calls} calls in {@code hub}'s store, its API asked with {@code token}. */
  GeneratedMonth(Hub hub, HttpClient http, String token, int calls) {
    this.hub = hub;
    this.http = http;
    this.token = token;
    this.calls = calls;
  }

  /** A call sent as webhooks, and its record as the hub stored it. */
  private ObjectNode template(String hooks, String id, boolean answer) throws Exception {
    String call = "phone=0938363739&queue=999&extension=101&callid=" + id + "&did=19002028";
    send(http, hooks + "/api/callcenter/call_in?" + call + "&event=RINGING");
    if (answer) {
      send(http, hooks + "/api/callcenter/call_in?" + call + "&event=ANSWER");
    }
    send(http, hooks + "/api/callcenter/hangup?callid=" + id);
    send(
        http,
        hooks
            + "/api/callcenter/calldata?callid="
            + id
            + "&calldate=2026-11-01%2009:00:00&duration=60&billsec="
            + (answer ? 40 : 0)
            + "&status="
            + (answer ? "ANSWER" : "NO%20ANSWER")
            + "&did=19002028&extension=101&phone=0938363739&direction=Inbound");
    for (int tries = 0; tries < 100; tries++) {
      HttpResponse<String> reply =
          QueryBenchCommand.get(http, hub.baseUrl() + "/v1/calls/" + id, token);
      if (reply.statusCode() == 200) {
        JsonNode record = JSON.readTree(reply.body()).path("call");
        if (record.path("state").asText().equals("ended")) {
          String stored =
              hub.database()
                  .jdbi()
                  .withHandle(
                      h ->
                          h.createQuery("select record from calls where callid = :id")
                              .bind("id", id)
                              .mapTo(String.class)
                              .one());
          return (ObjectNode) JSON.readTree(stored);
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the template call " + id + " did not end in the hub");
  }

  /**
   * Sends the two template calls to {@code hooks} (the tenant's webhook URL), then stores {@link
   * #calls} records over the month made from theirs, in batches, with a progress bar.
   */
  void fill(String hooks, PrintWriter out) throws Exception {
    ObjectNode answered = template(hooks, "tpl-answered", true);
    ObjectNode abandoned = template(hooks, "tpl-abandoned", false);
    Random random = new Random(42);
    long start = MONTH.atStartOfDay(ZONE).toInstant().toEpochMilli();
    long span = MONTH.plusMonths(1).atStartOfDay(ZONE).toInstant().toEpochMilli() - start;
    int shown = -1;
    for (int from = 0; from < calls; from += BATCH) {
      int to = Math.min(calls, from + BATCH);
      int first = from;
      hub.database()
          .jdbi()
          .useTransaction(
              h -> {
                PreparedBatch batch =
                    h.prepareBatch(
                        "insert into calls (tenant_id, callid, direction, customer_e164,"
                            + " customer_digits, queue, state, outcome, answered_by,"
                            + " first_seen_at, ended_at, last_seq, record) values ('default',"
                            + " :callid, 'inbound', :e164, :digits, :queue, 'ended', :outcome,"
                            + " :agent, :first, :ended, 0, :record)");
                java.util.Map<String, String> answeredBy = new java.util.LinkedHashMap<>();
                java.util.Map<String, Long> firstSeenOf = new java.util.HashMap<>();
                for (int i = first; i < to; i++) {
                  boolean answer = random.nextInt(100) < 85;
                  long firstSeen = start + (long) (random.nextDouble() * span);
                  int wait = answer ? random.nextInt(40) : 2 + random.nextInt(90);
                  int talk = answer ? 20 + random.nextInt(400) : 0;
                  String queue = Integer.toString(900 + random.nextInt(QUEUES));
                  String agent = Integer.toString(1000 + random.nextInt(AGENTS));
                  String phone = String.format("+8490%07d", random.nextInt(5_000_000));
                  long ended = firstSeen + (wait + talk) * 1000L;
                  ObjectNode record = (answer ? answered : abandoned).deepCopy();
                  String id = "bench-" + i;
                  record.put("callid", id);
                  record.put("queue", queue);
                  record.put("first_seen_at", Instant.ofEpochMilli(firstSeen).toString());
                  record.put("ended_at", Instant.ofEpochMilli(ended).toString());
                  record.put("holdtime", wait);
                  if (answer) {
                    record.put("answered_by", agent);
                    record.put(
                        "answered_at", Instant.ofEpochMilli(firstSeen + wait * 1000L).toString());
                    record.put("billsec", talk);
                    record.put("duration", wait + talk);
                  }
                  if (record.path("attempts") instanceof ArrayNode attempts) {
                    attempts.forEach(
                        a -> {
                          if (a instanceof ObjectNode attempt && answer) {
                            attempt.put("extension", agent);
                          }
                        });
                  }
                  if (answer) {
                    answeredBy.put(id, agent);
                    firstSeenOf.put(id, firstSeen);
                  }
                  batch
                      .bind("callid", id)
                      .bind("e164", phone)
                      .bind("digits", phone.substring(phone.length() - 9))
                      .bind("queue", queue)
                      .bind("outcome", answer ? "answered" : "missed")
                      .bind("agent", answer ? agent : null)
                      .bind("first", firstSeen)
                      .bind("ended", ended)
                      .bind("record", record.toString())
                      .add();
                }
                batch.execute();
                PreparedBatch extensions =
                    h.prepareBatch(
                        "insert into call_extensions (tenant_id, callid, extension, first_seen_at)"
                            + " values ('default', :callid, :extension, :first)");
                answeredBy.forEach(
                    (id, agent) ->
                        extensions
                            .bind("callid", id)
                            .bind("extension", agent)
                            .bind("first", firstSeenOf.get(id))
                            .add());
                if (!answeredBy.isEmpty()) {
                  extensions.execute();
                }
              });
      int percent = (int) (100L * to / calls);
      if (percent / 5 != shown) {
        shown = percent / 5;
        out.printf("\r  filling  [%-20s] %3d%%  %,d calls", "#".repeat(shown), percent, to);
        out.flush();
      }
    }
    out.println();
  }

  private static void send(HttpClient http, String url) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("webhook answered " + reply.statusCode() + ": " + url);
    }
  }
}
