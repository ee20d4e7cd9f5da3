package dev.switchboard.hub.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.calls.CallCsv;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.http.Params;
import dev.switchboard.hub.users.Caller;
import dev.switchboard.hub.users.Role;
import dev.switchboard.protocol.JsonMappers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code GET /v1/reports} (every section) and {@code GET /v1/reports/{section}} ({@code queues},
 * {@code agents}, {@code days}, {@code hours}; with {@code .csv} as CSV, UTF-8 with a byte-order
 * mark for Excel) for {@code from}..{@code to} (days in the tenant's time zone, both included,
 * today when absent, at most {@value ReportRequest#MAX_DAYS} days) and {@code queue} (comma
 * separated). Supervisors and admins only: an agent is refused (their own figures are on the
 * workspace); a supervisor of some queues gets figures of those queues only. Thread-safe.
 */
public final class ReportRoutes {
  private static final ObjectMapper JSON = JsonMappers.create();

  /** A table of the report: its path name and its array in the report. */
  private enum Section {
    QUEUES("by_queue"),
    AGENTS("by_agent"),
    DAYS("by_day"),
    HOURS("by_hour");

    final String field;

    Section(String field) {
      this.field = field;
    }

    static Optional<Section> of(String name) {
      return Arrays.stream(values())
          .filter(s -> s.name().toLowerCase(java.util.Locale.ROOT).equals(name))
          .findFirst();
    }
  }

  private final ReportQuery query;
  private final Function<String, ZoneId> zoneOf;
  private final Function<String, Map<String, String>> namesOf;
  private final Clock clock;

  /** Routes over {@code query}; zones and agents' names per tenant. */
  public ReportRoutes(
      ReportQuery query,
      Function<String, ZoneId> zoneOf,
      Function<String, Map<String, String>> namesOf,
      Clock clock) {
    this.query = query;
    this.zoneOf = zoneOf;
    this.namesOf = namesOf;
    this.clock = clock;
  }

  /** Adds the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/reports", ctx -> ctx.json(query.run(request(ctx))));
    routes.get("/v1/reports/{section}", this::section);
  }

  private void section(Context ctx) throws IOException {
    String name = ctx.pathParam("section");
    boolean csv = name.endsWith(".csv") || "csv".equals(ctx.queryParam("format"));
    Section section =
        Section.of(name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no report '" + name + "' (queues, agents, days, hours; .csv for CSV)"));
    ObjectNode report = query.run(request(ctx));
    if (!csv) {
      ObjectNode body = JSON.createObjectNode();
      body.put("from", report.get("from").asText());
      body.put("to", report.get("to").asText());
      body.put("time_zone", report.get("time_zone").asText());
      body.set("settings", report.get("settings"));
      body.set("definitions", report.get("definitions"));
      body.set("rows", report.get(section.field));
      ctx.json(body);
      return;
    }
    String file =
        "report-"
            + section.name().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + report.get("from").asText()
            + "-"
            + report.get("to").asText()
            + ".csv";
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    var writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
    writer.write('\ufeff');
    try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
      JsonNode rows = report.get(section.field);
      List<String> header = new ArrayList<>();
      if (rows.isEmpty()) {
        header.add(section == Section.AGENTS ? "agent" : section == Section.QUEUES ? "queue" : "");
      } else {
        rows.get(0).fieldNames().forEachRemaining(header::add);
      }
      printer.printRecord(header);
      for (JsonNode row : rows) {
        List<String> cells = new ArrayList<>();
        for (String column : header) {
          JsonNode value = row.path(column);
          cells.add(value.isNull() || value.isMissingNode() ? "" : CallCsv.cell(value.asText()));
        }
        printer.printRecord(cells);
      }
    }
  }

  /** The caller's report request, refused with 403 or 400 as the parameters and scope say. */
  ReportRequest request(Context ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.role() == Role.AGENT) {
      throw ApiException.forbidden(
          "reports are for supervisors and admins (an agent's own figures are on the workspace)");
    }
    String tenant = caller.tenant(Params.text(ctx, "tenant"));
    ZoneId zone = zoneOf.apply(tenant);
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate from = date(ctx, "from").orElse(today);
    LocalDate to = date(ctx, "to").orElse(from.isAfter(today) ? from : today);
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from: " + from + " is after to: " + to);
    }
    if (from.plusDays(ReportRequest.MAX_DAYS).isBefore(to.plusDays(1))) {
      throw ApiException.badRequest(
          "to: the range from "
              + from
              + " to "
              + to
              + " is longer than "
              + ReportRequest.MAX_DAYS
              + " days");
    }
    Optional<Set<String>> asked = Params.text(ctx, "queue").map(ReportRoutes::queues);
    Optional<Set<String>> queues;
    if (caller.queues().isPresent()) {
      Set<String> own = new LinkedHashSet<>(caller.queues().get());
      asked.ifPresent(
          list ->
              list.stream()
                  .filter(q -> !own.contains(q))
                  .findFirst()
                  .ifPresent(
                      q -> {
                        throw ApiException.forbidden("queue: '" + q + "' is not one of yours");
                      }));
      queues = Optional.of(asked.orElse(own));
    } else {
      queues = asked;
    }
    return new ReportRequest(tenant, zone, from, to, queues, namesOf.apply(tenant));
  }

  private static Set<String> queues(String list) {
    Set<String> queues = new LinkedHashSet<>();
    for (String part : list.split(",", -1)) {
      String queue = part.strip();
      if (!queue.matches("[0-9A-Za-z_.-]{1,64}")) {
        throw ApiException.badRequest(
            "queue: '" + part + "' is not a queue number (a comma-separated list of them)");
      }
      queues.add(queue);
    }
    return queues;
  }

  private static Optional<LocalDate> date(Context ctx, String name) {
    return Params.text(ctx, name)
        .map(
            value -> {
              try {
                LocalDate date = LocalDate.parse(value);
                if (date.getYear() < 1970 || date.getYear() > 9998) {
                  throw ApiException.badRequest(
                      name + ": '" + value + "' is outside the years 1970 to 9998");
                }
                return date;
              } catch (DateTimeParseException notADate) {
                throw ApiException.badRequest(
                    name + ": '" + value + "' is not a date such as 2024-03-01");
              }
            });
  }
}
