create index events_by_call on events (tenant_id, callid);
create index events_by_extension on events (tenant_id, extension, seq);

create table tenants (
  id                 text primary key,
  name               text not null,
  token_hash         text not null unique,
  time_zone          text not null,
  allowed_networks   text not null,
  created_at         bigint not null
);

create table api_tokens (
  token_hash  text primary key,
  created_at  bigint not null
);

-- One row per (tenant, call), derived from the log in the same transaction as each event.
create table calls (
  tenant_id       text   not null,
  callid          text   not null,
  direction       text   not null,
  customer_e164   text,
  customer_digits text,
  queue           text,
  state           text   not null,
  outcome         text,
  answered_by     text,
  first_seen_at   bigint not null,
  ended_at        bigint,
  last_seq        bigint not null,
  record          text   not null,
  primary key (tenant_id, callid)
);
create index calls_by_time on calls (tenant_id, first_seen_at, callid);
create index calls_by_customer on calls (tenant_id, customer_e164);
create index calls_open on calls (state, first_seen_at);

create table call_extensions (
  tenant_id  text not null,
  callid     text not null,
  extension  text not null,
  primary key (tenant_id, callid, extension)
);
create index call_extensions_by_extension on call_extensions (tenant_id, extension);

create table agents (
  tenant_id   text   not null,
  extension   text   not null,
  status      text   not null,
  since       bigint not null,
  last_seq    bigint not null,
  callid      text,
  primary key (tenant_id, extension)
);

create table agent_status_history (
  tenant_id   text   not null,
  extension   text   not null,
  status      text   not null,
  started_at  bigint not null,
  seq         bigint not null
);
create index agent_history_by_extension on agent_status_history (tenant_id, extension, started_at);
