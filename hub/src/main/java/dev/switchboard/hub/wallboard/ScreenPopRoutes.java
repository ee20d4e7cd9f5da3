package dev.switchboard.hub.wallboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.agents.AgentScope;
import dev.switchboard.hub.calls.CallScope;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.calls.CallView;
import dev.switchboard.hub.contacts.Contact;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.phone.PhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /v1/screen-pops}: the screen-pops open now, one per extension still ringing for a
 * call: an agent's own, or every one in a supervisor's or admin's scope; with the matched contact
 * and the caller's last five other calls. A queue's ring notification before any extension rings is
 * only on the stream. Thread-safe.
 */
public final class ScreenPopRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final int RECENT_CALLS = 5;

  private final Jdbi jdbi;
  private final CallStore calls;
  private final ContactStore contacts;
  private final Function<Context, CallScope> callScopeOf;
  private final Function<Context, AgentScope> agentScopeOf;

  /** Routes over the open calls and the contacts. */
  public ScreenPopRoutes(
      Jdbi jdbi,
      CallStore calls,
      ContactStore contacts,
      Function<Context, CallScope> callScopeOf,
      Function<Context, AgentScope> agentScopeOf) {
    this.jdbi = jdbi;
    this.calls = calls;
    this.contacts = contacts;
    this.callScopeOf = callScopeOf;
    this.agentScopeOf = agentScopeOf;
  }

  /** Adds the route. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/screen-pops", this::list);
  }

  private void list(Context ctx) {
    CallScope callScope = callScopeOf.apply(ctx);
    AgentScope agentScope = agentScopeOf.apply(ctx);
    ArrayNode pops = JSON.createArrayNode();
    for (ObjectNode call : calls.openCalls(callScope.tenant())) {
      if (!callScope.admits(call) || !call.path("state").asText().equals("ringing")) {
        continue;
      }
      for (JsonNode attempt : call.path("attempts")) {
        String extension = attempt.path("extension").asText();
        if (attempt.path("result").asText().equals("ringing")
            && agentScope.admits(call.path("tenant").asText(), extension)) {
          pops.add(pop(call, extension, attempt.path("at").asText()));
        }
      }
    }
    ctx.json(pops);
  }

  private ObjectNode pop(ObjectNode call, String extension, String at) {
    String tenant = call.path("tenant").asText();
    ObjectNode pop = JSON.createObjectNode();
    pop.put("callid", call.path("callid").asText());
    pop.put("extension", extension);
    JsonNode customer = call.path("customer");
    pop.put("phone", customer.hasNonNull("phone") ? customer.get("phone").asText() : null);
    pop.put("phone_national", CallView.national(customer));
    pop.set("queue", call.path("queue"));
    pop.set("did", call.path("did"));
    pop.put("trigger", "call_in");
    pop.put("at", at);
    Optional<PhoneNumber> phone = phoneOf(customer);
    Optional<Contact> contact =
        phone.flatMap(number -> contacts.match(tenant, number).stream().findFirst());
    if (contact.isPresent()) {
      ObjectNode card = pop.putObject("contact");
      card.put("id", contact.get().id());
      card.put("name", contact.get().name());
      card.put("company", contact.get().company().orElse(null));
      card.put("crm_url", contact.get().externalUrl().orElse(null));
    } else {
      pop.putNull("contact");
    }
    ArrayNode recent = pop.putArray("recent_calls");
    phone.ifPresent(
        number ->
            jdbi.useHandle(
                handle ->
                    calls
                        .recentCallsOf(
                            handle, tenant, number, call.path("callid").asText(), RECENT_CALLS)
                        .forEach(
                            earlier ->
                                recent
                                    .addObject()
                                    .put("callid", earlier.path("callid").asText())
                                    .put("started_at", earlier.path("first_seen_at").asText())
                                    .put("direction", earlier.path("direction").asText())
                                    .put("outcome", text(earlier, "outcome"))
                                    .put("extension", text(earlier, "answered_by")))));
    return pop;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static Optional<PhoneNumber> phoneOf(JsonNode customer) {
    String value =
        customer.hasNonNull("phone")
            ? customer.get("phone").asText()
            : customer.hasNonNull("raw") ? customer.get("raw").asText() : null;
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PhoneNumber.parse(value));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
