-- The event log: every accepted webhook (and every synthetic event: sweeps, reconciliation),
-- in commit order. seq is the log sequence the live stream uses as its event id.
create table events (
  seq          integer primary key autoincrement,
  tenant_id    text    not null,
  received_at  bigint  not null,
  source       text    not null,
  remote_addr  text,
  type         text    not null,
  callid       text,
  extension    text,
  path         text,
  raw_format   text,
  raw          text,
  fields       text    not null,
  dedupe_hash  text    not null,
  unique (tenant_id, dedupe_hash)
);
