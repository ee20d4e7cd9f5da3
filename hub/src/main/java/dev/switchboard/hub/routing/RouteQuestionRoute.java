package dev.switchboard.hub.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.intake.OverloadedException;
import dev.switchboard.hub.intake.WebhookRoutes;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.CrmReply;
import dev.switchboard.protocol.webhook.RawFields;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the PBX's routing question, {@code GET|POST {CRM_URL}/api/callcenter/route?phone=} (the
 * field in any case; a form or JSON body on POST): {@code text/plain}, the extension to ring or an
 * empty body for the queue as usual. Each answer is logged as a {@code route} event, queued without
 * waiting for its commit so the reply is not held up. A missing phone gets the webhooks' error
 * reply (404). Thread-safe.
 */
public final class RouteQuestionRoute implements WebhookRoutes.RouteQuestions {
  private static final Logger log = LoggerFactory.getLogger(RouteQuestionRoute.class);

  private final TenantStore tenants;
  private final StickyRouter router;
  private final EventWriter writer;
  private final Timer latency;

  /** Answers by {@code router} with each tenant's policy, logging through {@code writer}. */
  public RouteQuestionRoute(
      TenantStore tenants, StickyRouter router, EventWriter writer, MeterRegistry metrics) {
    this.tenants = tenants;
    this.router = router;
    this.writer = writer;
    this.latency =
        Timer.builder("switchboard.route.latency")
            .description("Time to answer the PBX's routing question")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
  }

  @Override
  public void answer(
      Context ctx, Tenant tenant, String path, RawFormat format, String raw, Instant receivedAt) {
    long started = System.nanoTime();
    PhoneNumber phone;
    try {
      RawFields fields =
          format == RawFormat.JSON ? RawFields.fromJson(raw) : RawFields.fromQuery(raw);
      phone =
          PhoneNumber.parse(
              fields
                  .get("phone")
                  .filter(value -> !value.isBlank())
                  .orElseThrow(() -> ProtocolException.field("phone", "is missing")));
    } catch (ProtocolException invalid) {
      ctx.status(404)
          .contentType("application/json")
          .result(new CrmReply(404, invalid.getMessage()).toJson());
      return;
    }
    StickyRouter.Route route =
        router.route(tenant.id(), phone, tenants.routing(tenant.id()), receivedAt);
    ctx.status(200).contentType("text/plain; charset=utf-8").result(route.extension().orElse(""));
    latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    if (ctx.method() == HandlerType.HEAD) {
      return; // answered as a GET would be; a HEAD is never logged
    }
    logAnswer(ctx, tenant, path, format, raw, receivedAt, phone, route);
  }

  private void logAnswer(
      Context ctx,
      Tenant tenant,
      String path,
      RawFormat format,
      String raw,
      Instant receivedAt,
      PhoneNumber phone,
      StickyRouter.Route route) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("phone", phone.e164().orElse(null));
    answer.put("phone_raw", phone.raw());
    answer.put("extension", route.extension().orElse(null));
    answer.put("rule", route.rule().map(r -> r.code()).orElse(null));
    answer.put("reason", route.reason());
    try {
      writer.submit(EventDraft.route(tenant.id(), receivedAt, ctx.ip(), path, format, raw, answer));
    } catch (OverloadedException overloaded) {
      log.warn("route answer for tenant {} not logged: {}", tenant.id(), overloaded.getMessage());
    }
  }
}
