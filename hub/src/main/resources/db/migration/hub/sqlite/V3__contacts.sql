create table contacts (
  id           integer primary key autoincrement,
  tenant_id    text   not null,
  name         text   not null,
  company      text,
  notes        text,
  external_id  text,
  external_url text,
  created_at   bigint not null,
  updated_at   bigint not null
);
