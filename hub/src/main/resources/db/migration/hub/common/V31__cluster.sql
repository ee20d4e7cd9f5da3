-- Several hub nodes on one database (PostgreSQL; SQLite is one node, with the same tables).
--
-- append_lock: every writer of the event log updates this one row first, in the transaction that
-- appends, and numbers its events above the log's highest: the row's lock, held until commit,
-- makes sequence numbers follow commit order across every process writing.
create table append_lock (
  id       integer primary key,
  batches  bigint  not null
);
insert into append_lock (id, batches) values (1, 0);

-- changes: what each committed batch pushes on the live stream, written in the batch's own
-- transaction, read in sequence order by every node to feed its own stream clients. Rows are kept
-- for a while only: a client resuming from further back is served from the event log.
create table changes (
  seq           bigint  not null,
  n             integer not null,
  tenant_id     text    not null,
  kind          text    not null,
  extensions    text    not null,
  queue         text,
  data          text    not null,
  committed_at  bigint  not null,
  primary key (seq, n)
);
create index changes_by_time on changes (committed_at);

-- leases: a job that must run once for all nodes (call-record sync, status poll, sweeper) runs on
-- the node holding its lease; a lease not renewed passes to another node when it expires.
create table leases (
  name        text    primary key,
  holder      text    not null,
  expires_at  bigint  not null
);
