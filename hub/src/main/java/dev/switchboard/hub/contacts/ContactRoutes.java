package dev.switchboard.hub.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.http.UnicodeText;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code /v1/contacts}: look up by phone ({@code ?phone=}), list, create, update, delete. The
 * tenant is {@code ?tenant=} (or {@code "tenant"} in the body), {@code default} when absent.
 */
public final class ContactRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ContactStore contacts;
  private final TenantStore tenants;
  private final java.util.function.BiPredicate<Context, PhoneNumber> phoneOfCallersCall;

  /**
   * Routes over the store. An agent sees only the contacts with a phone of one of the calls they
   * may see ({@code phoneOfCallersCall}), may create and update those, and may delete none.
   */
  public ContactRoutes(
      ContactStore contacts,
      TenantStore tenants,
      java.util.function.BiPredicate<Context, PhoneNumber> phoneOfCallersCall) {
    this.contacts = contacts;
    this.tenants = tenants;
    this.phoneOfCallersCall = phoneOfCallersCall;
  }

  private static boolean isAgent(Context ctx) {
    return Caller.of(ctx).role() == Role.AGENT;
  }

  /** Refuses an agent a contact none of whose phones is one of their calls'. */
  private Contact visible(Context ctx, Contact contact) {
    if (isAgent(ctx) && contact.phones().stream().noneMatch(p -> phoneOfCallersCall.test(ctx, p))) {
      throw notFound(ctx);
    }
    return contact;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/contacts", this::list);
    routes.post("/v1/contacts", this::create);
    routes.get("/v1/contacts/{id}", this::one);
    routes.put("/v1/contacts/{id}", this::update);
    routes.delete("/v1/contacts/{id}", this::delete);
  }

  private void list(Context ctx) {
    String tenant = tenant(ctx, Params.text(ctx, "tenant"));
    if (isAgent(ctx)) {
      PhoneNumber asked =
          phone(
              "phone",
              Params.text(ctx, "phone")
                  .orElseThrow(
                      () ->
                          ApiException.forbidden(
                              "an agent looks contacts up by the phone of one of their calls"
                                  + " (?phone=)")));
      if (!phoneOfCallersCall.test(ctx, asked)) {
        throw ApiException.forbidden("that phone is not of one of your calls");
      }
    }
    List<Contact> found =
        Params.text(ctx, "phone").isPresent()
            ? contacts.match(tenant, phone("phone", Params.text(ctx, "phone").get()))
            : contacts.list(
                tenant,
                Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                Params.integer(ctx, "limit", 100, 1, 1000));
    ObjectNode body = JSON.createObjectNode();
    var list = body.putArray("contacts");
    found.forEach(contact -> list.add(contact.toJson()));
    ctx.json(body);
  }

  private void one(Context ctx) {
    ctx.json(
        visible(
                ctx,
                contacts
                    .find(tenant(ctx, Params.text(ctx, "tenant")), id(ctx))
                    .orElseThrow(() -> notFound(ctx)))
            .toJson());
  }

  private void create(Context ctx) {
    Contact contact = read(ctx, 0);
    try {
      ctx.status(201).json(contacts.create(contact).toJson());
    } catch (UnableToExecuteStatementException failed) {
      throw conflictOr(failed, contact);
    }
  }

  private void update(Context ctx) {
    Contact contact = read(ctx, id(ctx));
    visible(ctx, contacts.find(contact.tenantId(), contact.id()).orElseThrow(() -> notFound(ctx)));
    try {
      ctx.json(contacts.update(contact).orElseThrow(() -> notFound(ctx)).toJson());
    } catch (UnableToExecuteStatementException failed) {
      throw conflictOr(failed, contact);
    }
  }

  private void delete(Context ctx) {
    Caller.of(ctx).require(Role.SUPERVISOR, Role.ADMIN);
    if (!contacts.delete(tenant(ctx, Params.text(ctx, "tenant")), id(ctx))) {
      throw notFound(ctx);
    }
    ctx.status(204);
  }

  /** A unique-key violation is the client's conflict; anything else is the server's failure. */
  private static RuntimeException conflictOr(
      UnableToExecuteStatementException failed, Contact contact) {
    Throwable cause = failed.getCause() == null ? failed : failed.getCause();
    if (String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unique")) {
      return ApiException.conflict(
          "a contact with external_id '" + contact.externalId().orElse("") + "' exists");
    }
    return failed;
  }

  private Contact read(Context ctx, long id) {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (JsonProcessingException notJson) {
      throw ApiException.badRequest("body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body must be a JSON object");
    }
    String tenant = tenant(ctx, Params.text(ctx, "tenant").or(() -> text(body, "tenant")));
    List<PhoneNumber> phones = new ArrayList<>();
    JsonNode list = body.path("phones");
    if (!list.isArray()) {
      throw ApiException.badRequest("phones: must be a list of phone numbers");
    }
    for (JsonNode item : list) {
      String raw =
          item.isTextual() ? item.asText() : item.path("raw").asText(item.path("phone").asText(""));
      UnicodeText.require("phones", raw);
      try {
        phones.add(ContactPhones.matchable(raw));
      } catch (IllegalArgumentException unmatchable) {
        throw ApiException.badRequest("phones: " + unmatchable.getMessage());
      }
    }
    try {
      return new Contact(
          id,
          tenant,
          text(body, "name").orElse(null),
          text(body, "company"),
          phones,
          text(body, "notes"),
          text(body, "external_id"),
          text(body, "external_url"),
          text(body, "owner_extension"));
    } catch (IllegalArgumentException invalid) {
      throw ApiException.badRequest(invalid.getMessage());
    }
  }

  private String tenant(Context ctx, Optional<String> requested) {
    Caller caller = Caller.of(ctx);
    String id =
        caller.isApiToken() ? requested.orElse(Tenant.DEFAULT_ID) : caller.tenant(requested);
    if (tenants.find(id).isEmpty()) {
      throw ApiException.notFound("no tenant '" + id + "'");
    }
    return id;
  }

  private static PhoneNumber phone(String field, String raw) {
    try {
      return PhoneNumber.parse(raw);
    } catch (ProtocolException bad) {
      throw ApiException.badRequest(field + ": " + bad.getMessage());
    }
  }

  private static Optional<String> text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw ApiException.badRequest(name + ": must be text");
    }
    UnicodeText.require(name, value.asText());
    return Optional.of(value.asText());
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException notANumber) {
      throw ApiException.badRequest("contact id must be a number");
    }
  }

  private static ApiException notFound(Context ctx) {
    return ApiException.notFound("no contact " + ctx.pathParam("id"));
  }
}
