package dev.switchboard.hub.contacts;

import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The contacts of every tenant, matched to callers by E.164 number, or by the last nine digits when
 * no number matches exactly (numbers stored in another format). Thread-safe.
 */
public final class ContactStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** A store over {@code jdbi}, stamping changes with {@code clock}. */
  public ContactStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Stores a new contact and returns it with its id. */
  public Contact create(Contact contact) {
    return jdbi.inTransaction(handle -> create(handle, contact));
  }

  /** Stores a new contact inside the caller's transaction. */
  public Contact create(Handle handle, Contact contact) {
    long now = clock.millis();
    long id =
        handle
            .createUpdate(
                "insert into contacts (tenant_id, name, company, notes, external_id, external_url,"
                    + " owner_extension, search_key, created_at, updated_at) values (:tenant,"
                    + " :name, :company, :notes, :externalId, :externalUrl, :owner, :search,"
                    + " :now, :now)")
            .bind("search", SearchText.of(contact))
            .bind("tenant", contact.tenantId())
            .bind("name", contact.name())
            .bind("company", contact.company().orElse(null))
            .bind("notes", contact.notes().orElse(null))
            .bind("externalId", contact.externalId().orElse(null))
            .bind("externalUrl", contact.externalUrl().orElse(null))
            .bind("owner", contact.ownerExtension().orElse(null))
            .bind("now", now)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    writePhones(handle, id, contact);
    return contact.withId(id);
  }

  /** Replaces a contact's fields and phones; empty when there is no such contact. */
  public Optional<Contact> update(Contact contact) {
    return jdbi.inTransaction(handle -> update(handle, contact));
  }

  /** {@link #update(Contact)} inside the caller's transaction. */
  public Optional<Contact> update(Handle handle, Contact contact) {
    int rows =
        handle
            .createUpdate(
                "update contacts set name = :name, company = :company, notes = :notes,"
                    + " external_id = :externalId, external_url = :externalUrl, owner_extension ="
                    + " :owner, search_key = :search, updated_at = :now where id = :id and"
                    + " tenant_id = :tenant")
            .bind("search", SearchText.of(contact))
            .bind("id", contact.id())
            .bind("tenant", contact.tenantId())
            .bind("name", contact.name())
            .bind("company", contact.company().orElse(null))
            .bind("notes", contact.notes().orElse(null))
            .bind("externalId", contact.externalId().orElse(null))
            .bind("externalUrl", contact.externalUrl().orElse(null))
            .bind("owner", contact.ownerExtension().orElse(null))
            .bind("now", clock.millis())
            .execute();
    if (rows == 0) {
      return Optional.empty();
    }
    handle
        .createUpdate("delete from contact_phones where contact_id = :id")
        .bind("id", contact.id())
        .execute();
    writePhones(handle, contact.id(), contact);
    return Optional.of(contact);
  }

  /** Deletes a contact; whether there was one. */
  public boolean delete(String tenantId, long id) {
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate(
                  "delete from contact_phones where contact_id in (select id from contacts where id"
                      + " = :id and tenant_id = :tenant)")
              .bind("id", id)
              .bind("tenant", tenantId)
              .execute();
          return handle
                  .createUpdate("delete from contacts where id = :id and tenant_id = :tenant")
                  .bind("id", id)
                  .bind("tenant", tenantId)
                  .execute()
              > 0;
        });
  }

  /** One contact by id. */
  public Optional<Contact> find(String tenantId, long id) {
    return jdbi.withHandle(
        handle -> load(handle, "c.id = :key", id, tenantId).stream().findFirst());
  }

  /** A contact by its id in the customer's CRM. */
  public Optional<Contact> findByExternalId(Handle handle, String tenantId, String externalId) {
    return load(handle, "c.external_id = :key", externalId, tenantId).stream().findFirst();
  }

  /**
   * Contacts without an external id having one of {@code phones} by E.164: where an import row
   * without an external id finds the contact it updates.
   */
  public List<Contact> findByE164WithoutExternalId(
      Handle handle, String tenantId, List<PhoneNumber> phones) {
    List<Contact> found = new ArrayList<>();
    for (PhoneNumber phone : phones) {
      if (phone.e164().isEmpty()) {
        continue;
      }
      for (Contact contact :
          loadByPhone(handle, "e164", " and c.external_id is null", phone.e164().get(), tenantId)) {
        if (found.stream().noneMatch(known -> known.id() == contact.id())) {
          found.add(contact);
        }
      }
    }
    return found;
  }

  /** Contacts whose phones match {@code phone}: by E.164, else by trailing digits. */
  public List<Contact> match(String tenantId, PhoneNumber phone) {
    return jdbi.withHandle(handle -> match(handle, tenantId, phone));
  }

  /** {@link #match(String, PhoneNumber)} inside the caller's transaction. */
  public List<Contact> match(Handle handle, String tenantId, PhoneNumber phone) {
    if (phone.e164().isPresent()) {
      List<Contact> exact = loadByPhone(handle, "e164", "", phone.e164().get(), tenantId);
      if (!exact.isEmpty()) {
        return exact;
      }
    }
    Optional<String> digits = phone.trailingDigits(CallStore.TRAILING_DIGITS);
    if (digits.isEmpty()) {
      return List.of();
    }
    return loadByPhone(handle, "digits", "", digits.get(), tenantId);
  }

  /** A page of a tenant's contacts by name. */
  public List<Contact> list(String tenantId, int offset, int limit) {
    return jdbi.withHandle(
        handle -> {
          List<Long> ids =
              handle
                  .createQuery(
                      "select id from contacts where tenant_id = :tenant order by name, id limit :limit offset :offset")
                  .bind("tenant", tenantId)
                  .bind("limit", limit)
                  .bind("offset", offset)
                  .mapTo(Long.class)
                  .list();
          List<Contact> contacts = new ArrayList<>();
          for (long id : ids) {
            contacts.addAll(load(handle, "c.id = :key", id, tenantId));
          }
          return contacts;
        });
  }

  /**
   * A page of contacts and how many the search finds in all.
   *
   * @param contacts the page, by name
   * @param total every contact the search finds
   */
  public record Page(List<Contact> contacts, long total) {}

  /** The contacts {@code query} finds, one page by name. */
  public Page search(ContactQuery query) {
    StringBuilder where = new StringBuilder("tenant_id = :tenant");
    java.util.Map<String, Object> binds = new java.util.HashMap<>();
    binds.put("tenant", query.tenantId());
    query
        .text()
        .ifPresent(
            text -> {
              where.append(" and (search_key like :words escape '!'");
              binds.put("words", "%" + SearchText.likeEscaped(SearchText.of(text)) + "%");
              query
                  .phoneDigits()
                  .ifPresent(
                      digits -> {
                        where.append(
                            " or id in (select contact_id from contact_phones where tenant_id ="
                                + " :tenant and digits like :digits escape '!')");
                        binds.put("digits", "%" + SearchText.likeEscaped(digits) + "%");
                      });
              where.append(")");
            });
    query
        .owner()
        .ifPresent(
            owner -> {
              where.append(" and owner_extension = :owner");
              binds.put("owner", owner);
            });
    return jdbi.withHandle(
        handle -> {
          long total =
              handle
                  .createQuery("select count(*) from contacts where " + where)
                  .bindMap(binds)
                  .mapTo(Long.class)
                  .one();
          List<Long> ids =
              handle
                  .createQuery(
                      "select id from contacts where "
                          + where
                          + " order by search_key, id limit :limit offset :offset")
                  .bindMap(binds)
                  .bind("limit", query.limit())
                  .bind("offset", query.offset())
                  .mapTo(Long.class)
                  .list();
          List<Contact> contacts = new ArrayList<>();
          for (long id : ids) {
            contacts.addAll(load(handle, "c.id = :key", id, query.tenantId()));
          }
          return new Page(contacts, total);
        });
  }

  /**
   * Hands every contact of a tenant to {@code each}, by id, reading 500 at a time (so an export of
   * many contacts holds neither them all in memory nor a read transaction open throughout).
   */
  public void forEach(String tenantId, java.util.function.Consumer<Contact> each) {
    long after = 0;
    while (true) {
      long from = after;
      List<Contact> batch =
          jdbi.withHandle(
              handle ->
                  load(
                      handle,
                      "c.id in (select id from contacts where tenant_id = :tenant and id > :key"
                          + " order by id limit 500)",
                      from,
                      tenantId));
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(each);
      after = batch.get(batch.size() - 1).id();
    }
  }

  /**
   * Fills in the search text of contacts written before it existed (migration V28); returns how
   * many. Run at start; does nothing once every contact has one.
   */
  public int fillSearchText() {
    record Missing(long id, String text) {}
    int filled = 0;
    while (true) {
      List<Missing> batch =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(
                          "select id, name, company from contacts where search_key is null order"
                              + " by id limit 500")
                      .map(
                          (rs, ctx) ->
                              new Missing(
                                  rs.getLong(1),
                                  SearchText.of(
                                      rs.getString(2)
                                          + " "
                                          + java.util.Objects.toString(rs.getString(3), ""))))
                      .list());
      if (batch.isEmpty()) {
        return filled;
      }
      jdbi.useTransaction(
          handle -> {
            for (Missing contact : batch) {
              handle
                  .createUpdate("update contacts set search_key = :search where id = :id")
                  .bind("search", contact.text())
                  .bind("id", contact.id())
                  .execute();
            }
          });
      filled += batch.size();
    }
  }

  private void writePhones(Handle handle, long id, Contact contact) {
    for (PhoneNumber phone : contact.phones()) {
      handle
          .createUpdate(
              "insert into contact_phones (contact_id, tenant_id, raw, e164, digits) values (:id,"
                  + " :tenant, :raw, :e164, :digits) on conflict (contact_id, raw) do nothing")
          .bind("id", id)
          .bind("tenant", contact.tenantId())
          .bind("raw", phone.raw())
          .bind("e164", phone.e164().orElse(null))
          .bind("digits", phone.trailingDigits(CallStore.TRAILING_DIGITS).orElse(null))
          .execute();
    }
  }

  private static final String COLUMNS =
      "c.id, c.tenant_id, c.name, c.company, c.notes, c.external_id, c.external_url,"
          + " c.owner_extension";

  private List<Contact> load(Handle handle, String where, Object key, String tenantId) {
    return contacts(
        handle,
        "select "
            + COLUMNS
            + " from contacts c where c.tenant_id = :tenant and "
            + where
            + " order by c.id",
        key,
        tenantId);
  }

  /**
   * The contacts having a phone whose {@code column} ({@code e164} or {@code digits}) is {@code
   * key}, and {@code condition} on the contact: from the phones found by their index to each one's
   * contact. A cross join, which SQLite never reorders: its planner, without statistics, otherwise
   * read every contact of the tenant (its index by tenant looks selective to it) and probed the
   * phones for each, once per ringing call's screen-pop.
   */
  private List<Contact> loadByPhone(
      Handle handle, String column, String condition, String key, String tenantId) {
    return contacts(
        handle,
        "select distinct "
            + COLUMNS
            + " from contact_phones p cross join contacts c where"
            + " p.tenant_id = :tenant and p."
            + column
            + " = :key and c.id = p.contact_id and"
            + " c.tenant_id = :tenant"
            + condition
            + " order by c.id",
        key,
        tenantId);
  }

  private List<Contact> contacts(Handle handle, String sql, Object key, String tenantId) {
    return handle
        .createQuery(sql)
        .bind("tenant", tenantId)
        .bind("key", key)
        .map(
            (rs, ctx) -> {
              long id = rs.getLong("id");
              List<PhoneNumber> phones =
                  handle
                      .createQuery(
                          "select raw, e164 from contact_phones where contact_id = :id order by raw")
                      .bind("id", id)
                      .map(
                          (p, c) ->
                              new PhoneNumber(
                                  p.getString("raw"), Optional.ofNullable(p.getString("e164"))))
                      .list();
              return new Contact(
                  id,
                  rs.getString("tenant_id"),
                  rs.getString("name"),
                  Optional.ofNullable(rs.getString("company")),
                  phones,
                  Optional.ofNullable(rs.getString("notes")),
                  Optional.ofNullable(rs.getString("external_id")),
                  Optional.ofNullable(rs.getString("external_url")),
                  Optional.ofNullable(rs.getString("owner_extension")));
            })
        .list();
  }
}
