package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /v1/calls} (filtered, paged) and {@code GET /v1/calls/{callid}} (with its events). */
public final class CallRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();

  private final Jdbi jdbi;
  private final CallStore calls;
  private final EventLog log;
  private final Function<Context, CallScope> scopeOf;
  private final Function<String, java.time.ZoneId> zoneOf;
  private final java.util.function.Supplier<Optional<String>> onlyTenant;

  /**
   * Routes over the call store and the log, showing each caller the calls of their scope; dates in
   * {@code from} and {@code to} are read in the tenant's zone ({@code zoneOf}). A search that names
   * no tenant on a hub of one tenant ({@code onlyTenant}) is that tenant's: the same calls, found
   * through the indexes that start with the tenant (without it, every call is read and sorted).
   */
  public CallRoutes(
      Jdbi jdbi,
      CallStore calls,
      EventLog log,
      Function<Context, CallScope> scopeOf,
      Function<String, java.time.ZoneId> zoneOf,
      java.util.function.Supplier<Optional<String>> onlyTenant) {
    this.jdbi = jdbi;
    this.calls = calls;
    this.log = log;
    this.scopeOf = scopeOf;
    this.zoneOf = zoneOf;
    this.onlyTenant = onlyTenant;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/calls", this::list);
    routes.get("/v1/calls.csv", this::csv);
    routes.get("/v1/calls/{callid}", this::one);
  }

  private void list(Context ctx) {
    CallFilter filter = filter(ctx);
    int limit = Params.integer(ctx, "limit", 50, 1, 500);
    CallStore.Page page;
    try {
      page = calls.list(filter, scopeOf.apply(ctx), Params.text(ctx, "cursor"), limit);
    } catch (CallStore.InvalidCursorException bad) {
      throw ApiException.badRequest("cursor: " + bad.getMessage());
    }
    ObjectNode body = JSON.createObjectNode();
    boolean session = !Caller.of(ctx).isApiToken();
    page.calls().forEach(call -> body.withArray("calls").add(CallView.of(call, session)));
    body.withArray("calls");
    body.put("next_cursor", page.nextCursor().orElse(null));
    ctx.json(body);
  }

  /**
   * {@code GET /v1/calls.csv}: the filtered calls of the caller's scope, newest first, as CSV with
   * a header row, written a page at a time as they are read (never the whole list in memory).
   */
  private void csv(Context ctx) throws java.io.IOException {
    CallFilter filter = filter(ctx);
    CallScope scope = scopeOf.apply(ctx);
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"calls.csv\"");
    var writer =
        new java.io.OutputStreamWriter(ctx.outputStream(), java.nio.charset.StandardCharsets.UTF_8);
    try (var printer =
        new org.apache.commons.csv.CSVPrinter(writer, org.apache.commons.csv.CSVFormat.DEFAULT)) {
      printer.printRecord(CallCsv.HEADER);
      Optional<String> cursor = Optional.empty();
      do {
        CallStore.Page page = calls.list(filter, scope, cursor, 500);
        for (ObjectNode call : page.calls()) {
          printer.printRecord(CallCsv.row(call));
        }
        printer.flush();
        cursor = page.nextCursor();
      } while (cursor.isPresent());
    }
  }

  /** The filter of {@code GET /v1/calls} and {@code /v1/calls.csv}. */
  CallFilter filter(Context ctx) {
    java.time.ZoneId zone =
        zoneOf.apply(Params.text(ctx, "tenant").orElse(Caller.of(ctx).user().tenantId()));
    Optional<PhoneNumber> phone =
        Params.text(ctx, "phone")
            .map(
                raw -> {
                  PhoneNumber number;
                  try {
                    number = PhoneNumber.parse(raw);
                  } catch (ProtocolException bad) {
                    throw ApiException.badRequest("phone: " + bad.getMessage());
                  }
                  if (number.trailingDigits(3).isEmpty()) {
                    throw ApiException.badRequest("phone: '" + raw + "' has no digits to match");
                  }
                  return number;
                });
    return new CallFilter(
        Params.text(ctx, "tenant").or(onlyTenant),
        Params.instantOrDate(ctx, "from", zone, false),
        Params.instantOrDate(ctx, "to", zone, true),
        phone,
        Params.text(ctx, "extension"),
        Params.text(ctx, "queue"),
        Params.parsed(
            ctx,
            "direction",
            v -> CallDirection.valueOf(v.toUpperCase(Locale.ROOT)),
            "inbound, outbound or unknown"),
        Params.parsed(
            ctx,
            "outcome",
            Outcome::ofCode,
            "answered, missed, no_answer, busy, failed or unknown"));
  }

  private void one(Context ctx) {
    String callId = ctx.pathParam("callid");
    CallScope scope = scopeOf.apply(ctx);
    String tenant =
        Params.text(ctx, "tenant")
            .orElseGet(
                () -> {
                  List<String> holders =
                      calls.tenantsWithCall(callId).stream()
                          .filter(t -> scope.tenant().map(t::equals).orElse(true))
                          .toList();
                  if (holders.size() > 1) {
                    throw ApiException.conflict(
                        "call "
                            + callId
                            + " exists in several tenants ("
                            + String.join(", ", holders)
                            + "); add ?tenant=");
                  }
                  return holders.isEmpty() ? "" : holders.get(0);
                });
    ObjectNode body =
        jdbi.withHandle(
            handle -> {
              ObjectNode call =
                  calls
                      .find(handle, tenant, callId)
                      .filter(scope::admits)
                      .orElseThrow(() -> ApiException.notFound("no call " + callId));
              ObjectNode out = JSON.createObjectNode();
              out.set("call", CallView.of(call, !Caller.of(ctx).isApiToken()));
              boolean session = !Caller.of(ctx).isApiToken();
              var events = out.putArray("events");
              log.describeCall(handle, tenant, callId)
                  .forEach(event -> events.add(CallView.ofEvent(event, callId, session)));
              return out;
            });
    ctx.json(body);
  }
}
