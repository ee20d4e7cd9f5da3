-- What the hub asked the PBX to do on someone's behalf: click-to-call, pause, spy.
create table audit_log (
  id        integer primary key autoincrement,
  tenant_id text   not null,
  at        bigint not null,
  actor     text   not null,
  action    text   not null,
  target    text   not null,
  outcome   text   not null,
  message   text
);
