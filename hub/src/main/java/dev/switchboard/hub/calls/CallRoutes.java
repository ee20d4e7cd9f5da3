package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.events.EventLog;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final CallStore calls;
  private final EventLog log;
  private final Function<Context, CallScope> scopeOf;

  /** Routes over the call store and the log, showing each caller the calls of their scope. */
  public CallRoutes(
      Jdbi jdbi, CallStore calls, EventLog log, Function<Context, CallScope> scopeOf) {
    this.jdbi = jdbi;
    this.calls = calls;
    this.log = log;
    this.scopeOf = scopeOf;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/calls", this::list);
    routes.get("/v1/calls/{callid}", this::one);
  }

  private void list(Context ctx) {
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
    CallFilter filter =
        new CallFilter(
            Params.text(ctx, "tenant"),
            Params.instant(ctx, "from"),
            Params.instant(ctx, "to"),
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
    int limit = Params.integer(ctx, "limit", 50, 1, 500);
    CallStore.Page page;
    try {
      page = calls.list(filter, scopeOf.apply(ctx), Params.text(ctx, "cursor"), limit);
    } catch (CallStore.InvalidCursorException bad) {
      throw ApiException.badRequest("cursor: " + bad.getMessage());
    }
    ObjectNode body = JSON.createObjectNode();
    page.calls().forEach(body.putArray("calls")::add);
    body.put("next_cursor", page.nextCursor().orElse(null));
    ctx.json(body);
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
              out.set("call", call);
              log.describeCall(handle, tenant, callId).forEach(out.putArray("events")::add);
              return out;
            });
    ctx.json(body);
  }
}
