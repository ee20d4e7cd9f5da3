package dev.switchboard.protocol.webhook.internal;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * {@code calldate}: the PBX's local time without a zone, {@code 2020-10-10-10:10:10} (v1) or {@code
 * 2024-03-01 13:15:40} (v2). Read in the tenant's zone and held as a UTC instant. Stateless.
 */
public final class CallDates {
  private static final DateTimeFormatter V1 = strict("uuuu-MM-dd-HH:mm:ss");
  private static final DateTimeFormatter V2 = strict("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter ISO = strict("uuuu-MM-dd'T'HH:mm:ss");
  private static final List<DateTimeFormatter> READABLE = List.of(V2, V1, ISO);

  private CallDates() {}

  /** Reads a calldate in any of the known layouts, in {@code zone}. */
  public static Instant parse(String raw, ZoneId zone) {
    String text = raw.trim();
    for (DateTimeFormatter layout : READABLE) {
      try {
        return LocalDateTime.parse(text, layout).atZone(zone).toInstant();
      } catch (DateTimeParseException tryNext) {
        // the next layout may fit
      }
    }
    throw ProtocolException.field(
        "calldate",
        Text.quote(raw) + " is not a date (expected yyyy-MM-dd HH:mm:ss or yyyy-MM-dd-HH:mm:ss)");
  }

  /** Writes a calldate the way {@code edition} does, as local time in {@code zone}. */
  public static String format(Instant instant, ZoneId zone, Edition edition) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    return (edition == Edition.V1 ? V1 : V2).format(local);
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }
}
