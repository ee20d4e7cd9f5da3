package dev.switchboard.hub.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactImportTest {
  @TempDir Path folder;
  Database database;
  ContactStore store;

  @BeforeEach
  void open() {
    database = Database.open(TestDatabases.sqlite(folder), "hub");
    store = new ContactStore(database.jdbi(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void goodRowsAreImportedAndBadRowsReportedWithTheirLine() throws Exception {
    String csv =
        "Name,Phones,Company,External ID\n"
            + "Nguyễn Văn A,0938363739;+84912345678,ACME,c1\n"
            + "No Phone,,X,c2\n"
            + ",0987654321,Y,c3\n"
            + "\"Trần, B\",0987654321,,c4\n";
    List<Long> progress = new ArrayList<>();
    var summary =
        new ContactImport(database.jdbi(), store, "default")
            .run(new StringReader(csv), progress::add);
    assertThat(summary.created()).isEqualTo(2);
    assertThat(summary.rejected())
        .containsExactly(
            new ContactImport.Rejected(3, "at least one phone is required"),
            new ContactImport.Rejected(4, "name is required"));
    assertThat(progress).last().isEqualTo(4L);
    assertThat(store.match("default", PhoneNumber.parse("84912345678")))
        .extracting(Contact::name)
        .containsExactly("Nguyễn Văn A");
    assertThat(store.match("default", PhoneNumber.parse("0987654321")))
        .extracting(Contact::name)
        .containsExactly("Trần, B");
  }

  @Test
  void aKnownExternalIdUpdatesTheContactAndKeepsItsId() throws Exception {
    var contactImport = new ContactImport(database.jdbi(), store, "default");
    contactImport.run(
        new StringReader("name,phone,external_id\nOld Name,0938363739,c1\n"), n -> {});
    long id = store.match("default", PhoneNumber.parse("0938363739")).get(0).id();
    var summary =
        contactImport.run(
            new StringReader("name,phone,external_id\nNew Name,0938363739,c1\n"), n -> {});
    assertThat(summary.updated()).isEqualTo(1);
    assertThat(store.match("default", PhoneNumber.parse("0938363739")))
        .extracting(Contact::id, Contact::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "New Name"));
  }

  @Test
  void importingTheSameFileAgainKeepsEveryContactAndItsId() throws Exception {
    String csv =
        "name,phones,external_id,owner_extension\n"
            + "With Id,0938363739,crm-1,101\n"
            + "Without Id,0912345678;0987654321,,\n";
    var contactImport = new ContactImport(database.jdbi(), store, "default");
    var first = contactImport.run(new StringReader(csv), n -> {});
    List<Contact> before = store.list("default", 0, 10);
    var second = contactImport.run(new StringReader(csv), n -> {});
    assertThat(first.created()).isEqualTo(2);
    assertThat(second.created()).isZero();
    assertThat(second.updated()).isEqualTo(2);
    assertThat(store.list("default", 0, 10)).isEqualTo(before);
    assertThat(before.get(0).ownerExtension()).contains("101");
    assertThat(store.find("default", before.get(0).id())).isPresent();
  }

  @Test
  void aRowWithoutExternalIdWhosePhonesBelongToTwoContactsIsRefused() throws Exception {
    var contactImport = new ContactImport(database.jdbi(), store, "default");
    contactImport.run(new StringReader("name,phone\nA,0938363739\nB,0912345678\n"), n -> {});
    var summary =
        contactImport.run(
            new StringReader("name,phones\nA and B,0938363739;0912345678\n"), n -> {});
    assertThat(summary.rejected()).hasSize(1);
    assertThat(summary.rejected().get(0).reason())
        .startsWith("its phones belong to 2 contacts")
        .endsWith("give it an external_id to say which");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsDropped() throws Exception {
    byte[] excel = "\uFEFFname,phone\nA,0938363739\n".getBytes(StandardCharsets.UTF_8);
    var summary =
        new ContactImport(database.jdbi(), store, "default")
            .run(new ByteArrayInputStream(excel), n -> {});
    assertThat(summary.created()).isEqualTo(1);
    assertThat(ContactImport.countRecords(new ByteArrayInputStream(excel))).isEqualTo(1);
    var fromReader =
        new ContactImport(database.jdbi(), store, "other")
            .run(new StringReader("\uFEFFname,phone\nB,0912345678\n"), n -> {});
    assertThat(fromReader.created()).isEqualTo(1);
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedNamingItsLine() {
    byte[] latin1 =
        "name,phone\nA,0938363739\nJos\u00e9,0912345678\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> ContactImport.countRecords(new ByteArrayInputStream(latin1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "line 3 is not UTF-8 text (byte 0xE9): save the file as UTF-8 (in Excel: \"CSV"
                + " UTF-8\") and import it again");
    assertThatThrownBy(
            () ->
                new ContactImport(database.jdbi(), store, "default")
                    .run(new ByteArrayInputStream(latin1), n -> {}))
        .hasMessageStartingWith("line 3 is not UTF-8 text");
  }

  @Test
  void aPhoneNoCallerCanMatchIsRejectedWithItsRow() throws Exception {
    var summary =
        new ContactImport(database.jdbi(), store, "default")
            .run(new StringReader("name,phone\nA,not-a-phone\nB,0938363739\nC,123\n"), n -> {});
    assertThat(summary.created()).isEqualTo(1);
    assertThat(summary.rejected()).extracting(ContactImport.Rejected::line).containsExactly(2L, 4L);
    assertThat(summary.rejected().get(0).reason())
        .isEqualTo(
            "phones: 'not-a-phone' is not a phone number a caller can be matched by (no"
                + " international form and fewer than 9 digits)");
  }

  @Test
  void progressCountsRecordsNotLines() throws Exception {
    String csv =
        "name,phone,notes\n"
            + "A,0938363739,\"first line\nsecond line\nthird line\"\n"
            + "B,0912345678,\n"
            + "\n"
            + "C,0987654321,\n";
    assertThat(
            ContactImport.countRecords(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(3);
    List<Long> progress = new ArrayList<>();
    var summary =
        new ContactImport(database.jdbi(), store, "default")
            .run(new StringReader(csv), progress::add);
    assertThat(summary.created()).isEqualTo(3);
    assertThat(progress).containsExactly(3L);
  }

  @Test
  void matchingFallsBackToTrailingDigits() {
    store.create(
        new Contact(
            0,
            "default",
            "Stored Oddly",
            java.util.Optional.empty(),
            List.of(PhoneNumber.parse("(+84) 93-836-3739 ext")),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty()));
    assertThat(store.match("default", PhoneNumber.parse("0938363739")))
        .extracting(Contact::name)
        .containsExactly("Stored Oddly");
  }

  @Test
  void aHeaderWithoutNameOrPhonesIsRefused() {
    assertThatThrownBy(
            () ->
                new ContactImport(database.jdbi(), store, "default")
                    .run(new StringReader("who,number\nA,1\n"), n -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name the columns 'name' and 'phones'");
  }
}
