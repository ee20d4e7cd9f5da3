package dev.switchboard.hub.contacts;

import dev.switchboard.hub.calls.CallCsv;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.util.List;

/**
 * One contact as a row of {@code GET /v1/contacts.csv}, in the columns {@link ContactImport} reads,
 * so an exported file imports again unchanged (phones as given, separated by {@code ;}). Cells a
 * spreadsheet would run as a formula are prefixed with {@code '}. Stateless.
 */
final class ContactCsv {
  static final List<String> HEADER =
      List.of(
          "name", "phones", "company", "notes", "external_id", "external_url", "owner_extension");

  private ContactCsv() {}

  static List<String> row(Contact contact) {
    return List.of(
        CallCsv.cell(contact.name()),
        CallCsv.cell(String.join(";", contact.phones().stream().map(PhoneNumber::raw).toList())),
        CallCsv.cell(contact.company().orElse("")),
        CallCsv.cell(contact.notes().orElse("")),
        CallCsv.cell(contact.externalId().orElse("")),
        CallCsv.cell(contact.externalUrl().orElse("")),
        CallCsv.cell(contact.ownerExtension().orElse("")));
  }
}
