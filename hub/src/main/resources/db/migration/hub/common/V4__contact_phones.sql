create unique index contacts_by_external_id on contacts (tenant_id, external_id);
create table contact_phones (
  contact_id  bigint not null references contacts (id) on delete cascade,
  tenant_id   text   not null,
  raw         text   not null,
  e164        text,
  digits      text,
  primary key (contact_id, raw)
);
create index contact_phones_by_e164 on contact_phones (tenant_id, e164);
create index contact_phones_by_digits on contact_phones (tenant_id, digits);
