-- Failed log-ins, per user name and per client address, shared by every hub node on the database:
-- with several nodes behind a balancer, a guesser meets the same lock-out whichever node it reaches.
create table login_failures (
  kind          text    not null,
  key           text    not null,
  failures      integer not null,
  last_at       bigint  not null,
  locked_until  bigint  not null,
  primary key (kind, key)
);
create index login_failures_by_last on login_failures (last_at);
