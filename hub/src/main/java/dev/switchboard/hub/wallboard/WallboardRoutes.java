package dev.switchboard.hub.wallboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentScope;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.callbacks.CallbackItem;
import dev.switchboard.hub.callbacks.CallbackStore;
import dev.switchboard.hub.calls.CallFilter;
import dev.switchboard.hub.calls.CallScope;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.calls.CallView;
import dev.switchboard.hub.reports.CallFacts;
import dev.switchboard.hub.reports.KpiSettings;
import dev.switchboard.hub.reports.QueueFigures;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /v1/wallboard}: agent tiles, queue cards with today's figures ({@link QueueFigures},
 * with the tenant's {@link KpiSettings}, as in the reports) and the live calls, as the caller's
 * scope allows (an agent gets their own tile and calls only). "Today" begins at midnight in the
 * tenant's time zone. A queue's agents are those the hub has seen it ring. Thread-safe.
 */
public final class WallboardRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final int RECENT_CALLS = 500;

  /** What the scope, the tenant and the names come from, per request. */
  public record Audience(
      String tenantId,
      ZoneId zone,
      CallScope calls,
      AgentScope agents,
      boolean ownTileOnly,
      Map<String, String> namesByExtension,
      KpiSettings kpi) {}

  private final Jdbi jdbi;
  private final CallbackStore callbacks;
  private final CallStore calls;
  private final AgentBoard board;
  private final Clock clock;
  private final Function<Context, Audience> audienceOf;

  /** Routes over the calls and the agent board. */
  public WallboardRoutes(
      Jdbi jdbi,
      CallStore calls,
      AgentBoard board,
      Clock clock,
      Function<Context, Audience> audienceOf) {
    this.jdbi = jdbi;
    this.callbacks = new CallbackStore(jdbi);
    this.calls = calls;
    this.board = board;
    this.clock = clock;
    this.audienceOf = audienceOf;
  }

  /** Adds the route. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/wallboard", this::wallboard);
  }

  private void wallboard(Context ctx) {
    Audience audience = audienceOf.apply(ctx);
    Instant now = clock.instant();
    Instant dayStart =
        now.atZone(audience.zone()).toLocalDate().atStartOfDay(audience.zone()).toInstant();
    List<JsonNode> today = today(audience, dayStart);
    List<ObjectNode> open = new ArrayList<>();
    for (ObjectNode call : calls.openCalls(Optional.of(audience.tenantId()))) {
      if (audience.calls().admits(call)) {
        open.add(call);
      }
    }
    Map<String, TreeSet<String>> members = members(audience, today);
    Map<String, TreeSet<String>> queuesOf = new HashMap<>();
    members.forEach(
        (queue, extensions) ->
            extensions.forEach(
                ext -> queuesOf.computeIfAbsent(ext, e -> new TreeSet<>()).add(queue)));
    List<AgentStatus> agents =
        board.list(Optional.of(audience.tenantId())).stream()
            .filter(a -> audience.agents().admits(a.tenantId(), a.extension()))
            .toList();
    Map<String, String> statusOf = new HashMap<>();
    agents.forEach(a -> statusOf.put(a.extension(), a.status()));

    ObjectNode body = JSON.createObjectNode();
    body.put("now", now.toString());
    body.put("day_start", dayStart.toString());
    body.put("time_zone", audience.zone().getId());
    ArrayNode tiles = body.putArray("agents");
    for (AgentStatus agent : agents) {
      tiles.add(tile(agent, audience, queuesOf, open, today));
    }
    ArrayNode cards = body.putArray("queues");
    if (!audience.ownTileOnly()) {
      Map<String, Integer> callbacksOpen = callbacksOpen(audience, now);
      for (var queue : members.keySet()) {
        ObjectNode card = card(queue, members.get(queue), statusOf, open, today, audience.kpi());
        card.put("callbacks_open", callbacksOpen.getOrDefault(queue, 0));
        cards.add(card);
      }
    }
    ArrayNode live = body.putArray("live_calls");
    for (ObjectNode call : open) {
      live.add(liveCall(call));
    }
    ctx.json(body);
  }

  /** Open callback items per queue over the work list's default week (issue: callbacks). */
  private Map<String, Integer> callbacksOpen(Audience audience, Instant now) {
    java.time.LocalDate day = now.atZone(audience.zone()).toLocalDate();
    Map<String, Integer> counts = new HashMap<>();
    for (CallbackItem item :
        callbacks.items(audience.tenantId(), audience.zone(), day.minusDays(6), day)) {
      if (item.status().equals("open") && item.queue().isPresent()) {
        counts.merge(item.queue().get(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private List<JsonNode> today(Audience audience, Instant dayStart) {
    CallFilter filter =
        new CallFilter(
            Optional.of(audience.tenantId()),
            Optional.of(dayStart),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    List<JsonNode> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      CallStore.Page page = calls.list(filter, audience.calls(), cursor, 500);
      all.addAll(page.calls());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return all;
  }

  /** The queues in view, each with the extensions the hub has seen it ring. */
  private Map<String, TreeSet<String>> members(Audience audience, List<JsonNode> today) {
    TreeSet<String> queues = new TreeSet<>();
    if (!audience.ownTileOnly()) {
      today.forEach(call -> text(call, "queue").ifPresent(queues::add));
      audience.calls().queues().forEach(queues::add);
    }
    Map<String, TreeSet<String>> members = new TreeMap<>();
    jdbi.useHandle(
        handle -> {
          for (String queue : queues) {
            if (!audience.calls().everything() && !audience.calls().queues().contains(queue)) {
              continue;
            }
            members.put(
                queue,
                new TreeSet<>(
                    calls.extensionsOfQueue(handle, audience.tenantId(), queue, RECENT_CALLS)));
          }
        });
    return members;
  }

  private ObjectNode tile(
      AgentStatus agent,
      Audience audience,
      Map<String, TreeSet<String>> queuesOf,
      List<ObjectNode> open,
      List<JsonNode> today) {
    ObjectNode tile = JSON.createObjectNode();
    tile.put("extension", agent.extension());
    tile.put("name", audience.namesByExtension().get(agent.extension()));
    tile.put("status", agent.status());
    tile.put("status_since", agent.since().toString());
    ArrayNode queues = tile.putArray("queues");
    queuesOf.getOrDefault(agent.extension(), new TreeSet<>()).forEach(queues::add);
    Optional<ObjectNode> current =
        open.stream()
            .filter(
                call ->
                    agent.callId().map(id -> id.equals(call.path("callid").asText())).orElse(false))
            .findFirst();
    if (current.isPresent()) {
      ObjectNode call = tile.putObject("call");
      ObjectNode record = current.get();
      boolean talking = record.path("state").asText().equals("talking");
      call.put("callid", record.path("callid").asText());
      call.put("phone", text(record.path("customer"), "phone").orElse(null));
      call.put("phone_national", CallView.national(record.path("customer")));
      call.put("direction", record.path("direction").asText());
      call.put("state", talking ? "talking" : "ringing");
      call.put("since", since(record));
    } else {
      tile.putNull("call");
    }
    int answered = 0;
    int missed = 0;
    for (JsonNode call : today) {
      if (call.path("answered_by").asText().equals(agent.extension())
          && !call.path("state").asText().equals("ringing")) {
        answered++;
      }
      for (JsonNode attempt : call.path("attempts")) {
        String result = attempt.path("result").asText();
        if (attempt.path("extension").asText().equals(agent.extension())
            && (result.equals("no_answer") || result.equals("busy"))) {
          missed++;
          break;
        }
      }
    }
    tile.putObject("today").put("answered", answered).put("missed", missed);
    return tile;
  }

  private ObjectNode card(
      String queue,
      TreeSet<String> members,
      Map<String, String> statusOf,
      List<ObjectNode> open,
      List<JsonNode> today,
      KpiSettings kpi) {
    ObjectNode card = JSON.createObjectNode();
    card.put("queue", queue);
    card.put("name", queue);
    ArrayNode waiting = card.putArray("waiting");
    for (ObjectNode call : open) {
      if (queue.equals(call.path("queue").asText())
          && call.path("state").asText().equals("ringing")) {
        waiting
            .addObject()
            .put("callid", call.path("callid").asText())
            .put("phone", text(call.path("customer"), "phone").orElse(null))
            .put("phone_national", CallView.national(call.path("customer")))
            .put("first_seen", call.path("first_seen_at").asText());
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (String state : List.of("free", "ringing", "talking", "paused", "off")) {
      counts.put(state, 0);
    }
    for (String member : members) {
      String state =
          switch (statusOf.getOrDefault(member, "off")) {
            case "on" -> "free";
            case "ring" -> "ringing";
            case "talk" -> "talking";
            case "pause" -> "paused";
            default -> "off";
          };
      counts.merge(state, 1, Integer::sum);
    }
    ObjectNode agents = card.putObject("agents");
    counts.forEach(agents::put);
    QueueFigures figures = new QueueFigures();
    today.stream()
        .filter(call -> queue.equals(call.path("queue").asText()))
        .forEach(call -> figures.add(CallFacts.of(call), kpi));
    figures.writeTo(card.putObject("today"), kpi);
    card.put("waiting_note", "first seen by the hub, not yet answered");
    return card;
  }

  private static ObjectNode liveCall(ObjectNode record) {
    ObjectNode call = JSON.createObjectNode();
    call.put("callid", record.path("callid").asText());
    call.put("phone", text(record.path("customer"), "phone").orElse(null));
    call.put("phone_national", CallView.national(record.path("customer")));
    call.put("direction", record.path("direction").asText());
    call.set("queue", record.path("queue"));
    String extension = record.path("answered_by").asText(null);
    if (extension == null) {
      for (JsonNode attempt : record.path("attempts")) {
        if (attempt.path("result").asText().equals("ringing")) {
          extension = attempt.path("extension").asText();
        }
      }
    }
    call.put("extension", extension);
    call.put("state", record.path("state").asText());
    call.put("since", since(record));
    return call;
  }

  private static String since(JsonNode record) {
    if (record.path("state").asText().equals("talking") && record.hasNonNull("answered_at")) {
      return record.get("answered_at").asText();
    }
    return record.hasNonNull("ringing_at")
        ? record.get("ringing_at").asText()
        : record.path("first_seen_at").asText();
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
