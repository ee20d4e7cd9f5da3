package dev.switchboard.hub.contacts;

import dev.switchboard.store.Pacing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports contacts from CSV with a header row, in UTF-8 (a leading byte-order mark is dropped).
 * Columns (any case, any order): {@code name} (required), {@code phones} or {@code phone}
 * (required; several separated by {@code ;} or {@code |}), {@code company}, {@code notes}, {@code
 * external_id}, {@code external_url}, {@code owner_extension}.
 *
 * <p>Importing the same file again changes nothing and keeps every contact's id: a row with an
 * {@code external_id} updates the contact with that external id; a row without one updates the
 * contact without an external id that has one of its phones (by E.164), and is refused when several
 * do. Other rows create contacts. Bad rows are skipped and reported with their record number (the
 * header is 1) and reason; good rows are committed in batches. Not thread-safe; one per import.
 */
public final class ContactImport {
  private static final int BATCH = 500;
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .get();

  private final Jdbi jdbi;
  private final ContactStore store;
  private final String tenantId;
  private final Pacing pacing;

  /** An import into {@code tenantId}'s contacts. */
  public ContactImport(Jdbi jdbi, ContactStore store, String tenantId) {
    this(jdbi, store, tenantId, Pacing.none());
  }

  /**
   * An import paced by {@code pacing} between its batches, so a serving hub writing to the same
   * SQLite file meanwhile gets the write lock in between.
   */
  public ContactImport(Jdbi jdbi, ContactStore store, String tenantId, Pacing pacing) {
    this.jdbi = jdbi;
    this.store = store;
    this.tenantId = tenantId;
    this.pacing = pacing;
  }

  /**
   * A row that was not imported, and why; {@code line} is its record number with the header as 1
   * (the physical line unless a quoted field spans lines).
   */
  public record Rejected(long line, String reason) {}

  /** What an import did. */
  public record Summary(long created, long updated, List<Rejected> rejected) {
    /** Rows read (imported or rejected). */
    public long rows() {
      return created + updated + rejected.size();
    }
  }

  /**
   * Counts the data rows (CSV records, not lines) of a UTF-8 file, reading it through: a file that
   * is not UTF-8 or not CSV is refused here, before anything is imported.
   *
   * @throws IllegalArgumentException naming the line that is not UTF-8, or the CSV problem
   */
  public static long countRecords(InputStream csv) throws IOException {
    try (CSVParser parser =
        CSVParser.parse(withoutByteOrderMark(new StrictUtf8Reader(csv)), FORMAT)) {
      long records = 0;
      for (CSVRecord ignored : parser) {
        records++;
      }
      return records;
    } catch (java.io.UncheckedIOException | IllegalStateException notCsv) {
      throw new IllegalArgumentException("the file is not readable CSV: " + notCsv.getMessage());
    }
  }

  /**
   * {@link #countRecords} that also checks the header names the required columns: everything that
   * can be said of a file before importing any of it.
   *
   * @throws IllegalArgumentException naming the line that is not UTF-8, the CSV problem, or the
   *     missing columns
   */
  public static long inspect(InputStream csv) throws IOException {
    try (CSVParser parser =
        CSVParser.parse(withoutByteOrderMark(new StrictUtf8Reader(csv)), FORMAT)) {
      columns(parser.getHeaderNames());
      long records = 0;
      for (CSVRecord ignored : parser) {
        records++;
      }
      return records;
    } catch (java.io.UncheckedIOException | IllegalStateException notCsv) {
      throw new IllegalArgumentException("the file is not readable CSV: " + notCsv.getMessage());
    }
  }

  /** Reads every row of UTF-8 bytes ({@link #run(Reader, LongConsumer)}). */
  public Summary run(InputStream csv, LongConsumer progress) throws IOException {
    return run(new StrictUtf8Reader(csv), progress);
  }

  /**
   * Reads every row of {@code csv}, calling {@code progress} with the number of records (rows) done
   * after each batch.
   *
   * @throws IllegalArgumentException when the header lacks {@code name} or a phone column
   */
  public Summary run(Reader csv, LongConsumer progress) throws IOException {
    long created = 0;
    long updated = 0;
    List<Rejected> rejected = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(withoutByteOrderMark(csv), FORMAT)) {
      Map<String, String> columns = columns(parser.getHeaderNames());
      List<CSVRecord> batch = new ArrayList<>(BATCH);
      for (CSVRecord record : parser) {
        batch.add(record);
        if (batch.size() == BATCH) {
          long[] counts = commit(batch, columns, rejected);
          created += counts[0];
          updated += counts[1];
          progress.accept(record.getRecordNumber());
          batch.clear();
        }
      }
      long[] counts = commit(batch, columns, rejected);
      created += counts[0];
      updated += counts[1];
      progress.accept(parser.getRecordNumber());
    }
    return new Summary(created, updated, List.copyOf(rejected));
  }

  private long[] commit(
      List<CSVRecord> batch, Map<String, String> columns, List<Rejected> rejected) {
    long[] counts = inTransaction(batch, columns, rejected);
    pacing.afterCommit();
    return counts;
  }

  private long[] inTransaction(
      List<CSVRecord> batch, Map<String, String> columns, List<Rejected> rejected) {
    return jdbi.inTransaction(
        handle -> {
          long[] counts = new long[2];
          for (CSVRecord record : batch) {
            long line = record.getRecordNumber() + 1;
            try {
              Contact contact = read(record, columns);
              Optional<Contact> existing = existing(handle, contact);
              if (existing.isPresent()) {
                store.update(handle, contact.withId(existing.get().id()));
                counts[1]++;
              } else {
                store.create(handle, contact);
                counts[0]++;
              }
            } catch (IllegalArgumentException bad) {
              rejected.add(new Rejected(line, bad.getMessage()));
            }
          }
          return counts;
        });
  }

  /** The contact a row updates: by external id, else by E.164 phone among those without one. */
  private Optional<Contact> existing(Handle handle, Contact contact) {
    if (contact.externalId().isPresent()) {
      return store.findByExternalId(handle, tenantId, contact.externalId().get());
    }
    List<Contact> byPhone = store.findByE164WithoutExternalId(handle, tenantId, contact.phones());
    if (byPhone.size() > 1) {
      throw new IllegalArgumentException(
          "its phones belong to "
              + byPhone.size()
              + " contacts (ids "
              + byPhone.stream().map(c -> Long.toString(c.id())).toList()
              + "): give it an external_id to say which");
    }
    return byPhone.stream().findFirst();
  }

  private Contact read(CSVRecord record, Map<String, String> columns) {
    if (!record.isConsistent()) {
      throw new IllegalArgumentException(
          "has " + record.size() + " columns, the header has " + columns.size());
    }
    List<dev.switchboard.protocol.phone.PhoneNumber> phones = new ArrayList<>();
    for (String raw : value(record, columns, "phones").orElse("").split("[;|]")) {
      if (!raw.isBlank()) {
        try {
          phones.add(ContactPhones.matchable(raw));
        } catch (IllegalArgumentException unmatchable) {
          throw new IllegalArgumentException("phones: " + unmatchable.getMessage());
        }
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
        value(record, columns, "external_url"),
        value(record, columns, "owner_extension"));
  }

  private static Optional<String> value(
      CSVRecord record, Map<String, String> columns, String name) {
    String header = columns.get(name);
    return header == null
        ? Optional.empty()
        : Optional.ofNullable(record.get(header))
            .filter(v -> !v.isBlank())
            .map(ContactImport::withoutFormulaGuard);
  }

  /**
   * A cell as it was before the export guarded it: {@code GET /v1/contacts.csv} puts {@code '}
   * before a value a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
   * {@code @}), so that an exported file imports again unchanged.
   */
  private static String withoutFormulaGuard(String value) {
    return value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0
        ? value.substring(1)
        : value;
  }

  private static Map<String, String> columns(List<String> headers) {
    Map<String, String> columns = new HashMap<>();
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

  /** Drops a leading byte-order mark, which would otherwise stick to the first column's name. */
  private static Reader withoutByteOrderMark(Reader csv) throws IOException {
    PushbackReader reader = new PushbackReader(csv, 1);
    int first = reader.read();
    if (first >= 0 && first != BYTE_ORDER_MARK) {
      reader.unread(first);
    }
    return reader;
  }
}
