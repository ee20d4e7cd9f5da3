package dev.switchboard.protocol.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Asks for call records: {@code POST /internal/Reports/cdr/format/json} with {@code
 * {"key":"...","callid":"...","startdate":"2022-09-23","enddate":"2022-09-23"}} ({@code callid}
 * left out to ask for every call of the range). The reply is a {@link CdrReply}. The report host
 * may differ from the API host.
 *
 * @param key the company key
 * @param callId one call to ask about, or every call of the range
 * @param startDate the first day, in the PBX's local calendar
 * @param endDate the last day (included), not before {@code startDate}
 */
public record CdrQuery(PbxKey key, Optional<String> callId, LocalDate startDate, LocalDate endDate)
    implements PbxRequest {
  /** Validates every part; dates have four-digit years. */
  public CdrQuery {
    Text.required("key", key);
    callId =
        Text.required("callid", callId).map(id -> Text.identifier("callid", id, Text.MAX_CALL_ID));
    checkYear("startdate", Text.required("startdate", startDate));
    checkYear("enddate", Text.required("enddate", endDate));
    if (endDate.isBefore(startDate)) {
      throw ProtocolException.field("enddate", endDate + " is before startdate " + startDate);
    }
  }

  /** Every call of the days {@code startDate} to {@code endDate}. */
  public static CdrQuery between(PbxKey key, LocalDate startDate, LocalDate endDate) {
    return new CdrQuery(key, Optional.empty(), startDate, endDate);
  }

  @Override
  public PbxApiPath apiPath() {
    return PbxApiPath.CDR;
  }

  @Override
  public Optional<String> body() {
    return Optional.of(toJson());
  }

  /** The body, compact, {@code callid} only when present. Holds the key. */
  public String toJson() {
    ObjectNode body = WireJson.newObject();
    body.put("key", key.value());
    callId.ifPresent(id -> body.put("callid", id));
    body.put("startdate", startDate.toString());
    body.put("enddate", endDate.toString());
    return JsonMappers.text(body);
  }

  /** Reads the body; an absent, null or empty {@code callid} means every call. */
  public static CdrQuery parse(String body) {
    ObjectNode root = WireJson.readObject(body);
    return new CdrQuery(
        WireJson.key(root),
        WireJson.optionalIdentifier(root, "callid", "callid"),
        date(WireJson.string(root, "startdate", "startdate"), "startdate"),
        date(WireJson.string(root, "enddate", "enddate"), "enddate"));
  }

  private static LocalDate date(String text, String field) {
    try {
      return LocalDate.parse(text.trim(), DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException notDate) {
      throw ProtocolException.field(
          field, Text.quote(Text.shortened(text, 60)) + " is not a date (expected YYYY-MM-DD)");
    }
  }

  private static void checkYear(String field, LocalDate date) {
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw ProtocolException.field(field, "has a year outside 0001 to 9999");
    }
  }
}
