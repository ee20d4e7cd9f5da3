package dev.switchboard.hub.calls;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One call record as a CSV row of {@code GET /v1/calls.csv}. A cell a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} before something that is not a number) is
 * prefixed with {@code '}. Stateless.
 */
public final class CallCsv {
  static final List<String> HEADER =
      List.of(
          "callid",
          "tenant",
          "first_seen_at",
          "direction",
          "phone",
          "phone_national",
          "did",
          "queue",
          "extension",
          "state",
          "outcome",
          "answered_at",
          "ended_at",
          "duration",
          "billsec",
          "holdtime");

  private CallCsv() {}

  static List<String> row(JsonNode call) {
    List<String> row = new ArrayList<>();
    row.add(text(call, "callid"));
    row.add(text(call, "tenant"));
    row.add(text(call, "first_seen_at"));
    row.add(text(call, "direction"));
    row.add(
        cell(
            call.path("customer").hasNonNull("phone")
                ? call.path("customer").path("phone").asText()
                : call.path("customer").path("raw").asText("")));
    row.add(cell(CallView.national(call.path("customer"))));
    row.add(text(call, "did"));
    row.add(text(call, "queue"));
    row.add(text(call, "answered_by"));
    row.add(text(call, "state"));
    row.add(text(call, "outcome"));
    row.add(text(call, "answered_at"));
    row.add(text(call, "ended_at"));
    row.add(text(call, "duration"));
    row.add(text(call, "billsec"));
    row.add(text(call, "holdtime"));
    return row;
  }

  private static String text(JsonNode call, String field) {
    return cell(call.hasNonNull(field) ? call.get(field).asText() : "");
  }

  /**
   * {@code value} safe for a spreadsheet: prefixed with {@code '} when it would run as a formula; a
   * phone such as {@code +84938363739} stays as it is.
   */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    boolean formula =
        first == '='
            || first == '@'
            || first == '\t'
            || first == '\r'
            || ((first == '+' || first == '-') && !value.matches("[+-][0-9 ]+"));
    return formula ? "'" + value : value;
  }
}
