package dev.switchboard.hub.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.PbxClientException;
import dev.switchboard.hub.actions.ActionRoutes;
import dev.switchboard.hub.actions.AuditLog;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code GET /v1/callbacks} (the work list), {@code GET /v1/callbacks/summary}, {@code GET
 * /v1/callbacks/{id}}, {@code POST /v1/callbacks/{id}/close} and {@code POST
 * /v1/callbacks/{id}/call} (click-to-call from the caller's own extension). Agents see the items of
 * their queues, supervisors those of their queue scopes, admins all of their tenant. Thread-safe.
 */
public final class CallbackRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final Set<String> STATUSES = Set.of("open", "resolved", "closed");
  private static final int MAX_DAYS = 92;
  private static final int MAX_REASON = 500;

  private final TenantStore tenants;
  private final CallbackStore store;
  private final PbxClients clients;
  private final AuditLog audit;
  private final Clock clock;
  private final Consumer<EventDraft> logged;

  /**
   * Routes over {@code store}, calling the PBX through {@code clients}; a close by hand is an event
   * of the log, appended (committed) by {@code logged}, which applies it and puts its change on the
   * stream of every node (it throws an {@link ApiException} when the event could not be stored).
   */
  public CallbackRoutes(
      TenantStore tenants,
      CallbackStore store,
      PbxClients clients,
      AuditLog audit,
      Clock clock,
      Consumer<EventDraft> logged) {
    this.tenants = tenants;
    this.store = store;
    this.clients = clients;
    this.audit = audit;
    this.clock = clock;
    this.logged = logged;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/callbacks", this::list);
    routes.get("/v1/callbacks/summary", this::summary);
    routes.get("/v1/callbacks/{id}", this::one);
    routes.post("/v1/callbacks/{id}/close", this::close);
    routes.post("/v1/callbacks/{id}/call", this::call);
  }

  private record Range(LocalDate from, LocalDate to) {}

  private void list(Context ctx) {
    Tenant tenant = tenant(ctx);
    Caller caller = Caller.of(ctx);
    Range range = range(ctx, tenant.zone());
    Optional<String> queue = Params.text(ctx, "queue");
    Optional<String> status = Params.text(ctx, "status");
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      throw ApiException.badRequest("status: must be open, resolved or closed");
    }
    int limit = Params.integer(ctx, "limit", 100, 1, 500);
    int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
    List<CallbackItem> items = new ArrayList<>();
    for (CallbackItem item : visible(caller, tenant, range)) {
      if (queue.isPresent() && !item.queue().equals(queue)) {
        continue;
      }
      if (status.isPresent() && !item.status().equals(status.get())) {
        continue;
      }
      items.add(item);
    }
    // Newest first: the latest attempt on top of the work list.
    items.sort((a, b) -> b.lastAttemptAt().compareTo(a.lastAttemptAt()));
    ObjectNode body = JSON.createObjectNode();
    body.put("tenant", tenant.id());
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    body.put("total", items.size());
    var list = body.putArray("items");
    items.stream().skip(offset).limit(limit).forEach(item -> list.add(item.toJson(false)));
    body.put("next_offset", offset + limit < items.size() ? offset + limit : null);
    ctx.json(body);
  }

  private void one(Context ctx) {
    Tenant tenant = tenant(ctx);
    ctx.json(item(ctx, tenant).toJson(true));
  }

  private void close(Context ctx) {
    Tenant tenant = tenant(ctx);
    Caller caller = Caller.of(ctx);
    JsonNode body = body(ctx);
    JsonNode reasonNode = body.get("reason");
    if (reasonNode == null || !reasonNode.isTextual() || reasonNode.asText().isBlank()) {
      throw ApiException.badRequest("reason: is required");
    }
    String reason = reasonNode.asText().strip();
    if (reason.length() > MAX_REASON) {
      throw ApiException.badRequest("reason: at most " + MAX_REASON + " characters");
    }
    CallbackItem item = item(ctx, tenant);
    if (!item.status().equals("open")) {
      throw ApiException.conflict("callback " + item.id() + " is already " + item.status());
    }
    Instant at = clock.instant();
    logged.accept(EventDraft.callbackClosed(tenant.id(), at, item.id(), reason, caller.actor()));
    CallbackItem closed = store.find(tenant.id(), tenant.zone(), item.id()).orElseThrow();
    // Another close may have been applied first (two people at once): that one stands.
    if (closed
        .close()
        .filter(c -> c.by().equals(caller.actor()) && c.at().toEpochMilli() == at.toEpochMilli())
        .isEmpty()) {
      throw ApiException.conflict("callback " + item.id() + " is already " + closed.status());
    }
    audit.record(tenant.id(), caller.actor(), "callback_close", item.id(), true, reason);
    ctx.json(closed.toJson(true));
  }

  private void call(Context ctx) {
    Tenant tenant = tenant(ctx);
    Caller caller = Caller.of(ctx);
    CallbackItem item = item(ctx, tenant);
    String extension =
        caller
            .extension()
            .orElseThrow(() -> ApiException.forbidden("you have no extension to call back from"));
    String target = extension + " -> " + item.phone();
    try {
      clients.forTenant(tenant.id()).dial(extension, item.phone());
      audit.record(tenant.id(), caller.actor(), "callback_dial", target, true, item.id());
    } catch (PbxClientException failed) {
      ApiException error = ActionRoutes.translate(tenant.id(), failed);
      audit.record(tenant.id(), caller.actor(), "callback_dial", target, false, error.getMessage());
      throw error;
    } catch (IllegalArgumentException invalid) {
      audit.record(
          tenant.id(), caller.actor(), "callback_dial", target, false, invalid.getMessage());
      throw ApiException.badRequest(invalid.getMessage());
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.put("status", "dialing");
    reply.put("id", item.id());
    reply.put("extension", extension);
    reply.put("phone", item.phone());
    ctx.status(202).json(reply);
  }

  private void summary(Context ctx) {
    Tenant tenant = tenant(ctx);
    Caller caller = Caller.of(ctx);
    Range range = range(ctx, tenant.zone());
    Optional<String> queue = Params.text(ctx, "queue");
    TreeMap<String, int[]> perQueue = new TreeMap<>();
    int items = 0;
    int resolved = 0;
    int byCallback = 0;
    List<Long> times = new ArrayList<>();
    for (CallbackItem item : visible(caller, tenant, range)) {
      if (queue.isPresent() && !item.queue().equals(queue)) {
        continue;
      }
      items++;
      int[] counts = perQueue.computeIfAbsent(item.queue().orElse(""), q -> new int[2]);
      counts[1]++;
      if (item.status().equals("open")) {
        counts[0]++;
      }
      if (item.status().equals("resolved")) {
        resolved++;
      }
      if (item.resolvedByCallback()) {
        byCallback++;
        times.add(item.timeToCallback().map(Duration::toSeconds).orElseThrow());
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("tenant", tenant.id());
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    body.put("items", items);
    body.put("resolved", resolved);
    body.put("resolved_by_callback", byCallback);
    if (items == 0) {
      body.putNull("callback_rate");
    } else {
      body.put("callback_rate", (double) byCallback / items);
    }
    times.sort(null);
    if (times.isEmpty()) {
      body.putNull("mean_time_to_callback_seconds");
      body.putNull("median_time_to_callback_seconds");
    } else {
      body.put(
          "mean_time_to_callback_seconds",
          times.stream().mapToLong(Long::longValue).sum() / (double) times.size());
      int n = times.size();
      body.put(
          "median_time_to_callback_seconds",
          n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2.0);
    }
    var queues = body.putArray("queues");
    perQueue.forEach(
        (name, counts) ->
            queues
                .addObject()
                .put("queue", name.isEmpty() ? null : name)
                .put("open", counts[0])
                .put("items", counts[1]));
    ctx.json(body);
  }

  /** The items of the range the caller may see. */
  private List<CallbackItem> visible(Caller caller, Tenant tenant, Range range) {
    return store.items(tenant.id(), tenant.zone(), range.from(), range.to()).stream()
        .filter(item -> admits(caller, item))
        .toList();
  }

  /** Agents: their queues; supervisors: their queue scopes; admins: everything of the tenant. */
  static boolean admits(Caller caller, CallbackItem item) {
    if (caller.seesEverything()) {
      return true;
    }
    return item.queue().isPresent()
        && caller.queues().map(queues -> queues.contains(item.queue().get())).orElse(false);
  }

  private CallbackItem item(Context ctx, Tenant tenant) {
    String id = ctx.pathParam("id");
    if (CallbackDerivation.dayOf(id).isEmpty()) {
      throw ApiException.badRequest("id: '" + id + "' is not a callback id");
    }
    return store
        .find(tenant.id(), tenant.zone(), id)
        .filter(item -> admits(Caller.of(ctx), item))
        .orElseThrow(() -> ApiException.notFound("no callback '" + id + "'"));
  }

  private Range range(Context ctx, ZoneId zone) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    Optional<LocalDate> date = day(ctx, "date");
    LocalDate from = date.or(() -> day(ctx, "from")).orElse(today.minusDays(6));
    LocalDate to = date.or(() -> day(ctx, "to")).orElse(today);
    if (to.isBefore(from)) {
      throw ApiException.badRequest("to: must not be before from");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw ApiException.badRequest("from/to: at most " + MAX_DAYS + " days at once");
    }
    return new Range(from, to);
  }

  private static Optional<LocalDate> day(Context ctx, String name) {
    return Params.text(ctx, name)
        .map(
            value -> {
              try {
                return LocalDate.parse(value);
              } catch (DateTimeParseException notADay) {
                throw ApiException.badRequest(
                    name + ": '" + value + "' is not a date (YYYY-MM-DD)");
              }
            });
  }

  private Tenant tenant(Context ctx) {
    Caller caller = Caller.of(ctx);
    String id = caller.tenant(Params.text(ctx, "tenant"));
    return tenants.find(id).orElseThrow(() -> ApiException.notFound("no tenant '" + id + "'"));
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw ApiException.badRequest("body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
  }
}
