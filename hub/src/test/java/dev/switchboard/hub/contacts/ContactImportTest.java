package dev.switchboard.hub.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.store.Database;
import dev.switchboard.store.testing.TestDatabases;
import java.io.StringReader;
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
  void aKnownExternalIdReplacesTheContact() throws Exception {
    var contactImport = new ContactImport(database.jdbi(), store, "default");
    contactImport.run(
        new StringReader("name,phone,external_id\nOld Name,0938363739,c1\n"), n -> {});
    var summary =
        contactImport.run(
            new StringReader("name,phone,external_id\nNew Name,0938363739,c1\n"), n -> {});
    assertThat(summary.updated()).isEqualTo(1);
    assertThat(store.match("default", PhoneNumber.parse("0938363739")))
        .extracting(Contact::name)
        .containsExactly("New Name");
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
