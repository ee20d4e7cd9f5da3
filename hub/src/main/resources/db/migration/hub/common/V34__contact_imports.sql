-- The console's contact imports: each job's progress and report, kept in the database so that any
-- hub node behind a balancer answers the page's polls, and a restart keeps the reports.
create table contact_imports (
  id           text    primary key,
  tenant_id    text    not null,
  actor        text    not null,
  state        text    not null,
  rows_total   bigint  not null,
  rows_done    bigint  not null,
  created      bigint  not null,
  updated      bigint  not null,
  rejected     text    not null,
  error        text,
  started_at   bigint  not null,
  updated_at   bigint  not null,
  finished_at  bigint
);
create index contact_imports_by_start on contact_imports (started_at);
