-- The agents' figures of report_rollups summed per local day of the tenant (its time zone when
-- summed, in zone): a month's report by agent adds some thousands of day rows instead of hundreds
-- of thousands of 15-minute rows. report_days lists the days whose rows are current; a day's rows
-- and its entry go when one of its buckets is counted again (report_day_todo remembers the bucket,
-- and ReportRollups sums the day again once none of its buckets is dirty).
create table report_agent_days (
  tenant_id    text    not null,
  day_start    bigint  not null,
  day_end      bigint  not null,
  zone         text    not null,
  queue        text    not null,
  agent        text    not null,
  answered     integer not null,
  talked       integer not null,
  talk_s       bigint  not null,
  missed_rings integer not null,
  primary key (tenant_id, day_start, queue, agent)
);

-- The report reads a month's queue rows (agent '') apart from the agent rows: without this index it
-- walks every agent row of the month in the primary key to find them.
create index report_rollups_queue_rows on report_rollups (tenant_id, bucket) where agent = '';

create table report_days (
  tenant_id text   not null,
  day_start bigint not null,
  day_end   bigint not null,
  zone      text   not null,
  primary key (tenant_id, day_start)
);

create table report_day_todo (
  tenant_id text   not null,
  bucket    bigint not null,
  primary key (tenant_id, bucket)
);

insert into report_day_todo (tenant_id, bucket)
  select distinct tenant_id, bucket from report_rollups where agent = '';
