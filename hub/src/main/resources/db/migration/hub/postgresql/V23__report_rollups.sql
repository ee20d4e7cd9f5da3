-- Report figures per (tenant, UTC 15-minute bucket of first_seen_at, queue, agent): a queue row
-- (agent = '') with the queue figures and one row per agent of the queue with its figures, summed
-- from the calls by ReportRollups (the thresholds they were counted with beside them). Reports add
-- clean buckets from here to the same figures counted live for the buckets in report_dirty.
create table report_rollups (
  tenant_id          text    not null,
  bucket             bigint  not null,
  queue              text    not null,
  agent              text    not null,
  offered            integer not null,
  answered           integer not null,
  abandoned          integer not null,
  short_abandons     integer not null,
  answered_in_sl     integer not null,
  abandoned_after_sl integer not null,
  waited             integer not null,
  wait_answered_s    bigint  not null,
  max_wait_s         bigint  not null,
  talked             integer not null,
  talk_s             bigint  not null,
  missed_rings       integer not null,
  sl_seconds         integer not null,
  short_seconds      integer not null,
  primary key (tenant_id, bucket, queue, agent)
);
