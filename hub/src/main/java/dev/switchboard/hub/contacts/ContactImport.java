package dev.switchboard.hub.contacts;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports contacts from CSV with a header row. Columns (any case, any order): {@code name}
 * (required), {@code phones} or {@code phone} (required; several separated by {@code ;} or {@code
 * |}), {@code company}, {@code notes}, {@code external_id}, {@code external_url}. A row with an
 * {@code external_id} already known replaces that contact. Bad rows are skipped and reported with
 * their line and reason; good rows are committed in batches. Not thread-safe; one per import.
 */
public final class ContactImport {
  private static final int BATCH = 500;

  private final Jdbi jdbi;
  private final ContactStore store;
  private final String tenantId;

  /** An import into {@code tenantId}'s contacts. */
  public ContactImport(Jdbi jdbi, ContactStore store, String tenantId) {
    this.jdbi = jdbi;
    this.store = store;
    this.tenantId = tenantId;
  }

  /** A row that was not imported, and why; {@code line} counts the header as line 1. */
  public record Rejected(long line, String reason) {}

  // A record's number is its data-row number; quoted fields spanning lines make it differ from
  // the physical line, which is acceptable for a report.

  /** What an import did. */
  public record Summary(long created, long updated, List<Rejected> rejected) {
    /** Rows read (imported or rejected). */
    public long rows() {
      return created + updated + rejected.size();
    }
  }

  /**
   * Reads every row of {@code csv}, calling {@code progress} with the number of rows done after
   * each batch.
   *
   * @throws IllegalArgumentException when the header lacks {@code name} or a phone column
   */
  public Summary run(Reader csv, LongConsumer progress) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    long created = 0;
    long updated = 0;
    List<Rejected> rejected = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      Map<String, String> columns = columns(parser.getHeaderNames());
      List<CSVRecord> batch = new ArrayList<>(BATCH);
      long done = 0;
      for (CSVRecord record : parser) {
        batch.add(record);
        if (batch.size() == BATCH) {
          long[] counts = commit(batch, columns, rejected);
          created += counts[0];
          updated += counts[1];
          done += batch.size();
          progress.accept(done);
          batch.clear();
        }
      }
      long[] counts = commit(batch, columns, rejected);
      created += counts[0];
      updated += counts[1];
      progress.accept(done + batch.size());
    }
    return new Summary(created, updated, List.copyOf(rejected));
  }

  private long[] commit(
      List<CSVRecord> batch, Map<String, String> columns, List<Rejected> rejected) {
    return jdbi.inTransaction(
        handle -> {
          long[] counts = new long[2];
          for (CSVRecord record : batch) {
            Contact contact;
            try {
              contact = read(record, columns);
            } catch (IllegalArgumentException | ProtocolException bad) {
              rejected.add(new Rejected(record.getRecordNumber() + 1, bad.getMessage()));
              continue;
            }
            Optional<Contact> existing =
                contact.externalId().flatMap(id -> store.findByExternalId(handle, tenantId, id));
            if (existing.isPresent()) {
              handle
                  .createUpdate("delete from contact_phones where contact_id = :id")
                  .bind("id", existing.get().id())
                  .execute();
              handle
                  .createUpdate("delete from contacts where id = :id")
                  .bind("id", existing.get().id())
                  .execute();
              store.create(handle, contact);
              counts[1]++;
            } else {
              store.create(handle, contact);
              counts[0]++;
            }
          }
          return counts;
        });
  }

  private Contact read(CSVRecord record, Map<String, String> columns) {
    if (!record.isConsistent()) {
      throw new IllegalArgumentException(
          "has " + record.size() + " columns, the header has " + columns.size());
    }
    List<PhoneNumber> phones = new ArrayList<>();
    for (String raw : value(record, columns, "phones").orElse("").split("[;|]")) {
      if (!raw.isBlank()) {
        phones.add(PhoneNumber.parse(raw));
      }
    }
    return new Contact(
        0,
        tenantId,
        value(record, columns, "name").orElse(null),
        value(record, columns, "company"),
        phones,
        value(record, columns, "notes"),
        value(record, columns, "external_id"),
        value(record, columns, "external_url"));
  }

  private static Optional<String> value(
      CSVRecord record, Map<String, String> columns, String name) {
    String header = columns.get(name);
    return header == null
        ? Optional.empty()
        : Optional.ofNullable(record.get(header)).filter(v -> !v.isBlank());
  }

  private static Map<String, String> columns(List<String> headers) {
    Map<String, String> columns = new java.util.HashMap<>();
    for (String header : headers) {
      String key = header.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
      columns.put(key.equals("phone") ? "phones" : key, header);
    }
    if (!columns.containsKey("name") || !columns.containsKey("phones")) {
      throw new IllegalArgumentException(
          "the CSV header must name the columns 'name' and 'phones' (or 'phone'); it has "
              + headers);
    }
    return columns;
  }
}
