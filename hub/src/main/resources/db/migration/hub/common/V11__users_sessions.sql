-- The console's people and their sessions (issue 10). A user belongs to one tenant; user names are
-- unique across the hub, so a login needs no tenant. queues: comma-separated queue numbers, null
-- for all queues. password_hash: Argon2id in its PHC string form. Times are epoch milliseconds.
create table users (
  username      text   primary key,
  tenant_id     text   not null,
  display_name  text   not null,
  role          text   not null,
  extension     text,
  queues        text,
  language      text   not null,
  password_hash text   not null,
  created_at    bigint not null,
  updated_at    bigint not null
);

-- A console session: only the SHA-256 of its id is stored, so a copy of the database opens none.
-- Idle expiry is counted from last_seen_at, absolute expiry from created_at.
create table sessions (
  id_hash      text   primary key,
  username     text   not null,
  csrf_token   text   not null,
  created_at   bigint not null,
  last_seen_at bigint not null
);
create index sessions_by_user on sessions (username);
