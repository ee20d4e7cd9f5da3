-- Every hub process that served HTTP, with the base URL it served at: the maintenance commands
-- (tenant add, rotate-token) print webhook URLs with the URL of the hub that last started,
-- whatever port or public URL it was given. Times are epoch milliseconds.
create table hub_nodes (
  node_id    text   primary key,
  base_url   text   not null,
  started_at bigint not null,
  seen_at    bigint not null
);
create index hub_nodes_by_start on hub_nodes (started_at);
