package dev.switchboard.hub.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person or company the call center talks to, with their phones and a link to the record in the
 * customer's own CRM.
 *
 * @param id the hub's id (0 before it is stored)
 * @param tenantId the tenant
 * @param name the name shown on a screen-pop (required)
 * @param company the company
 * @param phones the phones, at least one
 * @param notes free notes
 * @param externalId the id in the customer's CRM (unique per tenant)
 * @param externalUrl the record's URL in the customer's CRM
 * @param ownerExtension the extension of the agent who owns the contact (sticky routing asks it
 *     first)
 */
public record Contact(
    long id,
    String tenantId,
    String name,
    Optional<String> company,
    List<PhoneNumber> phones,
    Optional<String> notes,
    Optional<String> externalId,
    Optional<String> externalUrl,
    Optional<String> ownerExtension) {
  private static final ObjectMapper JSON = JsonMappers.create();
  private static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z_.*#+-]{1,32}");

  /** Validates the contact: a name and at least one phone. */
  public Contact {
    Objects.requireNonNull(tenantId, "tenantId");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    name = name.strip();
    if (name.length() > 200) {
      throw new IllegalArgumentException("name is longer than 200 characters");
    }
    phones = List.copyOf(phones);
    if (phones.isEmpty()) {
      throw new IllegalArgumentException("at least one phone is required");
    }
    if (phones.size() > 20) {
      throw new IllegalArgumentException("at most 20 phones");
    }
    company = company.map(String::strip).filter(c -> !c.isEmpty());
    notes = notes.filter(n -> !n.isBlank());
    externalId = externalId.map(String::strip).filter(e -> !e.isEmpty());
    externalUrl = externalUrl.map(String::strip).filter(u -> !u.isEmpty());
    externalUrl.ifPresent(
        url -> {
          if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("external_url must be an http or https URL");
          }
        });
    ownerExtension = ownerExtension.map(String::strip).filter(e -> !e.isEmpty());
    ownerExtension.ifPresent(
        extension -> {
          if (!EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException(
                "owner_extension must be 1 to 32 letters, digits or - _ . * # + (got '"
                    + extension
                    + "')");
          }
        });
  }

  /** The same contact with its stored id. */
  public Contact withId(long newId) {
    return new Contact(
        newId, tenantId, name, company, phones, notes, externalId, externalUrl, ownerExtension);
  }

  /** The contact as the API shows it. */
  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("tenant", tenantId);
    node.put("name", name);
    node.put("company", company.orElse(null));
    var list = node.putArray("phones");
    for (PhoneNumber phone : phones) {
      list.addObject().put("phone", phone.e164().orElse(null)).put("raw", phone.raw());
    }
    node.put("notes", notes.orElse(null));
    node.put("external_id", externalId.orElse(null));
    node.put("external_url", externalUrl.orElse(null));
    node.put("owner_extension", ownerExtension.orElse(null));
    return node;
  }
}
