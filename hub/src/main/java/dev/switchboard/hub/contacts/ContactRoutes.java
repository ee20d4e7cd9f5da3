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
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code /v1/contacts}: look up by phone ({@code ?phone=}), search ({@code ?q=}, {@code ?owner=}),
 * list, create, update, delete; {@code GET /v1/contacts.csv} (export) and {@code POST
 * /v1/contacts/import} (CSV import as a job, polled at {@code GET /v1/contacts/imports/{id}}). The
 * tenant is the caller's own; for the API token {@code ?tenant=} (or {@code "tenant"} in the body),
 * {@code default} when absent.
 */
public final class ContactRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** The largest CSV file {@code POST /v1/contacts/import} takes: 5 MiB (some 50,000 rows). */
  public static final int MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  private final ContactStore contacts;
  private final TenantStore tenants;
  private final java.util.function.BiPredicate<Context, PhoneNumber> phoneOfCallersCall;
  private final ContactImports imports;

  /**
   * Routes over the store. An agent sees only the contacts with a phone of one of the calls they
   * may see ({@code phoneOfCallersCall}), may create and update those, and may delete none; search,
   * export, import and delete are for supervisors and admins.
   */
  public ContactRoutes(
      ContactStore contacts,
      TenantStore tenants,
      java.util.function.BiPredicate<Context, PhoneNumber> phoneOfCallersCall,
      ContactImports imports) {
    this.contacts = contacts;
    this.tenants = tenants;
    this.phoneOfCallersCall = phoneOfCallersCall;
    this.imports = imports;
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
    routes.get("/v1/contacts.csv", this::export);
    routes.post("/v1/contacts/import", this::startImport);
    routes.get("/v1/contacts/imports/{id}", this::importStatus);
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
    ObjectNode body = JSON.createObjectNode();
    var list = body.putArray("contacts");
    if (Params.text(ctx, "phone").isPresent()) {
      contacts
          .match(tenant, phone("phone", Params.text(ctx, "phone").get()))
          .forEach(contact -> list.add(contact.toJson()));
      ctx.json(body);
      return;
    }
    if ((Params.text(ctx, "q").isPresent() || Params.text(ctx, "owner").isPresent())
        && isAgent(ctx)) {
      throw ApiException.forbidden("an agent looks contacts up by phone (?phone=)");
    }
    int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Params.integer(ctx, "limit", 100, 1, 1000);
    ContactStore.Page page =
        contacts.search(
            new ContactQuery(
                tenant, Params.text(ctx, "q"), Params.text(ctx, "owner"), offset, limit));
    page.contacts().forEach(contact -> list.add(contact.toJson()));
    body.put("total", page.total());
    body.put("offset", offset);
    body.put("limit", limit);
    ctx.json(body);
  }

  /**
   * {@code GET /v1/contacts.csv}: every contact of the tenant, in the columns the import reads,
   * UTF-8 with a byte-order mark (so a spreadsheet reads the Vietnamese names right), written as
   * read.
   */
  private void export(Context ctx) throws java.io.IOException {
    Caller.of(ctx).require(Role.SUPERVISOR, Role.ADMIN);
    String tenant = tenant(ctx, Params.text(ctx, "tenant"));
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"contacts.csv\"");
    var writer =
        new java.io.OutputStreamWriter(ctx.outputStream(), java.nio.charset.StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    try (var printer =
        new org.apache.commons.csv.CSVPrinter(writer, org.apache.commons.csv.CSVFormat.DEFAULT)) {
      printer.printRecord(ContactCsv.HEADER);
      java.io.IOException[] failed = new java.io.IOException[1];
      contacts.forEach(
          tenant,
          contact -> {
            try {
              if (failed[0] == null) {
                printer.printRecord(ContactCsv.row(contact));
              }
            } catch (java.io.IOException gone) {
              failed[0] = gone;
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
    }
  }

  /**
   * {@code POST /v1/contacts/import}: a CSV file (UTF-8, {@code text/csv}, at most {@link
   * #MAX_IMPORT_BYTES}) inspected whole, then imported in the background: 202 with the job, whose
   * {@code Location} the page polls. A file that is not UTF-8, not CSV, or lacks the {@code name}
   * and {@code phones} columns is refused (400, nothing stored); one too large gets 413.
   */
  private void startImport(Context ctx) throws java.io.IOException {
    Caller caller = Caller.of(ctx);
    caller.require(Role.SUPERVISOR, Role.ADMIN);
    String tenant = tenant(ctx, Params.text(ctx, "tenant"));
    String type = String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("text/csv")) {
      throw ApiException.withStatus(
          415, "the body must be a CSV file sent as Content-Type: text/csv (got " + type + ")");
    }
    byte[] csv;
    try (java.io.InputStream in = ctx.bodyInputStream()) {
      csv = in.readNBytes(MAX_IMPORT_BYTES + 1);
    }
    if (csv.length > MAX_IMPORT_BYTES) {
      throw ApiException.coded(
          413,
          "too_large",
          "the file is larger than " + MAX_IMPORT_BYTES / (1024 * 1024) + " MB; split it",
          java.util.Map.of("max_bytes", MAX_IMPORT_BYTES));
    }
    if (csv.length == 0) {
      throw ApiException.badRequest("the file is empty");
    }
    ContactImports.Status job;
    try {
      job = imports.start(tenant, caller.actor(), csv);
    } catch (IllegalArgumentException bad) {
      throw ApiException.badRequest(bad.getMessage());
    }
    ctx.header("Location", "/v1/contacts/imports/" + job.id());
    ctx.status(202).json(toJson(job));
  }

  private void importStatus(Context ctx) {
    Caller.of(ctx).require(Role.SUPERVISOR, Role.ADMIN);
    String tenant = tenant(ctx, Params.text(ctx, "tenant"));
    ctx.json(
        toJson(
            imports
                .find(tenant, ctx.pathParam("id"))
                .orElseThrow(
                    () -> ApiException.notFound("no import '" + ctx.pathParam("id") + "'"))));
  }

  private static ObjectNode toJson(ContactImports.Status job) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", job.id());
    node.put("state", job.state().code());
    node.put("rows", job.rows());
    node.put("done", job.done());
    node.put("created", job.created());
    node.put("updated", job.updated());
    var rejected = node.putArray("rejected");
    job.rejected()
        .forEach(row -> rejected.addObject().put("line", row.line()).put("reason", row.reason()));
    node.put("error", job.error().orElse(null));
    node.put("started_at", job.startedAt().toString());
    node.put("finished_at", job.finishedAt().map(Object::toString).orElse(null));
    return node;
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
